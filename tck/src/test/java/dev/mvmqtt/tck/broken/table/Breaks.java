package dev.mvmqtt.tck.broken.table;

import dev.mvmqtt.spec.api.codes.MvStatus;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The kinds of wrong answer a {@link BreakTable} row is written with. */
final class Breaks {
    private Breaks() {
    }

    /** Always: every invocation of the call. */
    static final Predicate<Call> ALWAYS = c -> true;

    /**
     * A refusal that answers something else: when the reference answers {@code refusal} to an invocation matching
     * {@code when}, the broken device answers {@code wrong} instead (typically OKAY: the missing refusal).
     */
    static Break swaps(String rule, String call, Predicate<Call> when, MvStatus refusal, MvStatus wrong) {
        return new Break(rule, call, when, c -> {
            Object status = c.proceed();
            return status == refusal ? wrong : status;
        }, call + " answers " + wrong + " where the reference answers " + refusal, null);
    }

    /** {@link #swaps} for every invocation of the call. */
    static Break swaps(String rule, String call, MvStatus refusal, MvStatus wrong) {
        return swaps(rule, call, ALWAYS, refusal, wrong);
    }

    /** The call is answered {@code wrong} without reaching the reference. */
    static Break answers(String rule, String call, Predicate<Call> when, MvStatus wrong, String breaks) {
        return new Break(rule, call, when, c -> wrong, breaks, null);
    }

    /** The reference answers, then {@code spoil} changes what it wrote (only after an OKAY). */
    static Break spoils(String rule, String call, Predicate<Call> when, Consumer<Call> spoil, String breaks) {
        return new Break(rule, call, when, c -> {
            Object status = c.proceed();
            if (status == MvStatus.OKAY) {
                spoil.accept(c);
            }
            return status;
        }, breaks, null);
    }

    /** The reference is called with arguments {@code change} rewrote. */
    static Break rewrites(String rule, String call, Predicate<Call> when, Consumer<Call> change, String breaks) {
        return new Break(rule, call, when, c -> {
            change.accept(c);
            return c.proceed();
        }, breaks, null);
    }

    /** A hand-written wrong answer. */
    static Break custom(String rule, String call, Predicate<Call> when, Function<Call, Object> answer, String breaks) {
        return new Break(rule, call, when, answer, breaks, null);
    }
}
