package dev.mvmqtt.tck.broken;

import dev.mvmqtt.reference.ReferenceMicrovisor;
import dev.mvmqtt.reference.ReferencePolicy;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MicrovisorProvider;
import dev.mvmqtt.tck.target.TargetId;
import java.util.List;
import java.util.Set;

/**
 * A deliberately broken implementation: the reference wrapped so that it breaks exactly one catalogue rule, which its
 * {@link Violation} states.
 * {@link BrokenImplementationsTest} runs the TCK against each and expects a failure naming a violated id.
 */
public interface BrokenProvider extends MicrovisorProvider {
    /** The catalogue ids this implementation violates (its {@link Violation}); the TCK must fail a test naming one. */
    default Set<String> violates() {
        return Set.of(violation().rules());
    }

    /** What is broken, in a few words, for people: {@code Violates IDS: WHAT}, from its {@link Violation}. */
    default String breaks() {
        return "Violates " + String.join(", ", violation().rules()) + ": "
                + violation().breaks();
    }

    /** Targets the TCK must run on to see the break; the fast plain HiveMQ 5 target by default. */
    default List<TargetId> targets() {
        return List.of(TargetId.parse("hivemq-v5-plain"));
    }

    /** Wraps a fresh reference device in the broken behaviour. */
    Microvisor wrap(Microvisor reference);

    /** The reference policy the wrapped device runs with. */
    default ReferencePolicy policy() {
        return ReferencePolicy.defaults();
    }

    @Override
    default String version() {
        return "0.1.0-broken";
    }

    @Override
    default Microvisor create() {
        return wrap(new ReferenceMicrovisor(policy()));
    }

    private Violation violation() {
        Violation v = getClass().getAnnotation(Violation.class);
        if (v == null) {
            throw new IllegalStateException(getClass().getName() + " states no @Violation: which rules does it break?");
        }
        return v;
    }
}
