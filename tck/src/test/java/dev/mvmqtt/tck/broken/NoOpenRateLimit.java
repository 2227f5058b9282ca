package dev.mvmqtt.tck.broken;

import dev.mvmqtt.reference.ReferencePolicy;
import dev.mvmqtt.spec.api.Microvisor;

@Violation(
        rules = {"LIMIT-OPEN-1"},
        breaks = "mvOpenChannel is never RATELIMITED (the wrapped reference runs with an unlimited open rate).")
public final class NoOpenRateLimit implements BrokenProvider {
    @Override
    public String name() {
        return "broken-no-open-rate-limit";
    }

    @Override
    public ReferencePolicy policy() {
        // LIMIT-OPEN-1 broken: no limit on mvOpenChannel calls per second.
        return ReferencePolicy.builder()
                .maxOpenCallsPerSecond(Integer.MAX_VALUE)
                .build();
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference);
    }
}
