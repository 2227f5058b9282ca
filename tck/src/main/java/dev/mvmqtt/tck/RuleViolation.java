package dev.mvmqtt.tck;

import java.util.List;

/**
 * A failed assertion that names the catalogue rules it checked, as a value. The recorder blames a failed test on
 * {@link #ruleIds()} (found anywhere in the failure's cause chain); a failure that carries no rule, such as an
 * infrastructure precondition in a shared helper, is blamed on every id of the test's {@link Asserts}.
 *
 * <p>The message still starts with the ids, so people read {@code [PUB-OK-1: topic byte for byte] expected ...}
 * as before; nothing reads the ids back from the text.
 */
public class RuleViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final List<String> ruleIds;

    /** A violation of {@code ruleIds} whose details are in {@code failure} (kept as the cause). */
    public RuleViolation(List<String> ruleIds, AssertionError failure) {
        this(ruleIds, String.join("/", ruleIds), failure);
    }

    /**
     * A violation of {@code ruleIds}, described {@code description} (the ids, then what was checked), whose details
     * are in {@code failure} (kept as the cause). The message is the failure's, led by the description unless it
     * already starts with it, as an AssertJ message described by {@link RuleCheck} does.
     */
    public RuleViolation(List<String> ruleIds, String description, Throwable failure) {
        super(message(description, failure), failure);
        if (ruleIds.isEmpty()) {
            throw new IllegalArgumentException("a rule violation names at least one rule");
        }
        this.ruleIds = List.copyOf(ruleIds);
    }

    /** The catalogue ids the failed assertion checked, at least one. */
    public List<String> ruleIds() {
        return ruleIds;
    }

    private static String message(String description, Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        // RuleCheck describes each assertion "ID: what", so AssertJ's message already starts "[ID: what] ...".
        return text.startsWith("[" + description + "]") ? text : description + ": " + text;
    }
}
