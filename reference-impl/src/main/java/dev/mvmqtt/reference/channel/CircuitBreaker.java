package dev.mvmqtt.reference.channel;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The relay's circuit breaker on inbound messages (LOSS-REF-5): more than {@code threshold} messages within one
 * window trips it. Windows are fixed, each starting with the first message after the previous one ended.
 */
final class CircuitBreaker {
    private final int threshold;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int count;

    CircuitBreaker(int threshold, Duration window, LongSupplier nanoClock) {
        this.threshold = threshold;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** Counts one inbound message; true when it is one too many for the current window. */
    boolean tripsOn() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            count = 0;
        }
        count++;
        return count > threshold;
    }
}
