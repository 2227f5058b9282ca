package dev.mvmqtt.tck.broken.table;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.ReasonCodesResponse;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The kinds of wrong answer a {@link BreakTable} row is written with. */
final class Breaks {
    private Breaks() {}

    /** Always: every invocation of the call. */
    static final Predicate<Call> ALWAYS = c -> true;

    /**
     * A refusal that answers something else: when the reference answers {@code refusal} to an invocation matching
     * {@code when}, the broken device answers {@code wrong} instead (typically OKAY: the missing refusal).
     */
    static Break swaps(String rule, String call, Predicate<Call> when, MvStatus refusal, MvStatus wrong) {
        return new Break(
                rule,
                call,
                when,
                c -> {
                    Object status = c.proceed();
                    return status == refusal ? wrong : status;
                },
                call + " answers " + wrong + " where the reference answers " + refusal,
                null);
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
        return new Break(
                rule,
                call,
                when,
                c -> {
                    Object status = c.proceed();
                    if (status == MvStatus.OKAY) {
                        spoil.accept(c);
                    }
                    return status;
                },
                breaks,
                null);
    }

    /** The reference is called with arguments {@code change} rewrote. */
    static Break rewrites(String rule, String call, Predicate<Call> when, Consumer<Call> change, String breaks) {
        return new Break(
                rule,
                call,
                when,
                c -> {
                    change.accept(c);
                    return c.proceed();
                },
                breaks,
                null);
    }

    /** A hand-written wrong answer. */
    static Break custom(String rule, String call, Predicate<Call> when, Function<Call, Object> answer, String breaks) {
        return new Break(rule, call, when, answer, breaks, null);
    }

    /**
     * A response read that answers {@code wrong} where the reference answered {@code state}: every read call
     * ({@code mvMqttRead*Response}) matching {@code when} whose response holder got {@code state}.
     */
    static Break states(String rule, Predicate<Call> when, MvMqttRequestState state, MvMqttRequestState wrong) {
        return new Break(
                rule,
                BreakingMicrovisor.ANY,
                c -> c.name().startsWith("mvMqttRead") && when.test(c),
                c -> {
                    Object status = c.proceed();
                    if (status == MvStatus.OKAY && c.arg(1) != null && stateOf(c.arg(1)) == state.code()) {
                        setState(c.arg(1), wrong.code());
                    }
                    return status;
                },
                "responses answered " + state + " are written " + wrong,
                null);
    }

    /** The request_state a response holder carries. */
    static int stateOf(Object response) {
        if (response instanceof MvMqttConnectResponse r) {
            return r.requestState;
        }
        if (response instanceof MvMqttPublishResponse r) {
            return r.requestState;
        }
        if (response instanceof MvMqttDisconnectResponse r) {
            return r.requestState;
        }
        if (response instanceof ReasonCodesResponse r) {
            return r.requestState().get();
        }
        throw new IllegalArgumentException("not a response holder: " + response);
    }

    static void setState(Object response, int state) {
        if (response instanceof MvMqttConnectResponse r) {
            r.requestState = state;
        } else if (response instanceof MvMqttPublishResponse r) {
            r.requestState = state;
        } else if (response instanceof MvMqttDisconnectResponse r) {
            r.requestState = state;
        } else if (response instanceof ReasonCodesResponse r) {
            r.requestState().set(state);
        } else {
            throw new IllegalArgumentException("not a response holder: " + response);
        }
    }

    /** Two breaks of one rule: {@code first} remembers something about a call that {@code second} uses. */
    static List<Break> both(Break first, Break second) {
        return List.of(first, second);
    }
}
