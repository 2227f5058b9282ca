package dev.mvmqtt.tck.broken.table;

import dev.mvmqtt.tck.target.TargetId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of the {@link BreakTable}: the reference made to violate one {@code must} rule by answering one call
 * wrongly. When {@code call} is made and {@code when} holds for it, {@code answer} replaces the reference's answer
 * (it may still {@link Call#proceed()}); every other call goes through unchanged.
 *
 * @param rule    the catalogue id this break violates; the TCK must fail a test blamed on it
 * @param call    the method name, e.g. {@code mvOpenChannel}
 * @param when    which invocations of it are broken
 * @param answer  the wrong answer
 * @param breaks  what is wrong, in a few words, for people
 * @param targets the targets the TCK must run on to see it (a device-only rule still needs one target named)
 * @param variant null for a rule's first break; a short name for another way of breaking the same rule, which
 *                becomes an implementation of its own
 */
public record Break(
        String rule,
        String call,
        Predicate<Call> when,
        Function<Call, Object> answer,
        String breaks,
        List<TargetId> targets,
        String variant) {
    /** The fast target every broker-side break runs on unless it needs another. */
    public static final TargetId DEFAULT_TARGET = TargetId.parse("hivemq-v5-plain");

    public Break {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(answer, "answer");
        targets = targets == null || targets.isEmpty() ? List.of(DEFAULT_TARGET) : List.copyOf(targets);
    }

    public Break(
            String rule,
            String call,
            Predicate<Call> when,
            Function<Call, Object> answer,
            String breaks,
            List<TargetId> targets) {
        this(rule, call, when, answer, breaks, targets, null);
    }

    /** Which implementation this break belongs to: the rule, or {@code RULE/variant}. */
    public String key() {
        return variant == null ? rule : rule + "/" + variant;
    }

    /** The same break as another way of breaking its rule. */
    public Break variant(String name) {
        return new Break(rule, call, when, answer, breaks, targets, name);
    }

    /** The implementation's name in runs and reports: {@code broken-table-<rule>[-<variant>]} in lower case. */
    public String implementationName() {
        return "broken-table-" + key().replace('/', '-').toLowerCase(Locale.ROOT);
    }

    /** The same break, run on these targets instead. */
    public Break on(String... targetIds) {
        return new Break(
                rule,
                call,
                when,
                answer,
                breaks,
                Arrays.stream(targetIds).map(TargetId::parse).toList(),
                variant);
    }
}
