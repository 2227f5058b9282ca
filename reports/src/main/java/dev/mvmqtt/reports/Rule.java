package dev.mvmqtt.reports;

import java.util.List;
import java.util.Objects;

/**
 * One catalogue assertion as the report needs it (a copy of the catalogue entry, so the report model does not depend
 * on how the catalogue is stored).
 *
 * @param id           stable id, for example {@code CHAN-BUF-1}
 * @param statement    the rule in words
 * @param level        {@code must} or {@code reference}
 * @param source       {@code guide}, {@code header}, {@code demo} or {@code reference}
 * @param mqttVersions the protocol versions it applies to
 * @param calls        the calls it concerns
 * @param needsBroker  whether checking it needs a broker target
 * @param note         an optional remark, or null
 */
public record Rule(
        String id,
        String statement,
        String level,
        String source,
        List<String> mqttVersions,
        List<String> calls,
        boolean needsBroker,
        String note) {
    /** The level of rules the verdict depends on. */
    public static final String MUST = "must";
    /** The level of rules the reference implementation decided; a failure is a deviation. */
    public static final String REFERENCE = "reference";

    public Rule {
        Objects.requireNonNull(id, "id");
        statement = statement == null ? "" : statement;
        level = level == null ? MUST : level;
        mqttVersions = mqttVersions == null ? List.of() : List.copyOf(mqttVersions);
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    /** True for a {@code must} rule. */
    public boolean isMust() {
        return MUST.equalsIgnoreCase(level);
    }
}
