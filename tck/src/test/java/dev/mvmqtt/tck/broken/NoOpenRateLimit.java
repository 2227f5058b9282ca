package dev.mvmqtt.tck.broken;

import dev.mvmqtt.reference.ReferencePolicy;
import dev.mvmqtt.spec.api.Microvisor;
import java.util.Set;

/** Violates LIMIT-OPEN-1: mvOpenChannel is never RATELIMITED (the wrapped reference runs with an unlimited open rate). */
public final class NoOpenRateLimit implements BrokenProvider {
    @Override
    public String name() {
        return "broken-no-open-rate-limit";
    }

    @Override
    public String breaks() {
        return "Violates LIMIT-OPEN-1: mvOpenChannel is never RATELIMITED (the wrapped reference runs with an unlimited open rate).";
    }

    @Override
    public Set<String> violates() {
        return Set.of("LIMIT-OPEN-1");
    }

    @Override
    public ReferencePolicy policy() {
        // LIMIT-OPEN-1 broken: no limit on mvOpenChannel calls per second.
        return ReferencePolicy.builder().maxOpenCallsPerSecond(Integer.MAX_VALUE).build();
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference);
    }
}
