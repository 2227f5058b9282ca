package dev.mvmqtt.bench;

import dev.mvmqtt.reference.ReferenceMicrovisor;
import dev.mvmqtt.reference.ReferencePolicy;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MicrovisorProvider;

/**
 * The reference device with its inbound circuit breaker (LOSS-REF-5, 500 messages a second by default) out of the
 * way, so that a receive benchmark measures the receive path and not the breaker's trip.
 */
public final class BenchReferenceProvider implements MicrovisorProvider {
    public static final String NAME = "reference-unbroken";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "bench";
    }

    @Override
    public Microvisor create() {
        return new ReferenceMicrovisor(
                ReferencePolicy.defaults().withCircuitBreakerMessagesPerSecond(Integer.MAX_VALUE));
    }
}
