package dev.mvmqtt.reference.device;

/** Microseconds since the device started, from {@link System#nanoTime()}: never goes back. */
public final class MonotonicClock {
    private final long origin = System.nanoTime();
    private long last;

    /** Not thread-safe; the device's lock guards it. */
    public long micros() {
        long now = (System.nanoTime() - origin) / 1_000L;
        last = Math.max(last, now);
        return last;
    }
}
