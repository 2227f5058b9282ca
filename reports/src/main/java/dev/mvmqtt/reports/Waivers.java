package dev.mvmqtt.reports;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Deviations a certifier accepts by name ({@code ./certify --waive RULE-ID[,..]}): under the strict profile a
 * failing {@code reference} rule fails the verdict unless it is waived here. Only {@code reference} rules can be
 * waived; what the sources require ({@code must}) cannot. Who waived and why are recorded in the report.
 *
 * @param ids    the waived rule ids, in the order given
 * @param by     who waived them, or null
 * @param reason why, or null
 */
public record Waivers(Set<String> ids, String by, String reason) {
    public Waivers {
        ids = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(ids, "ids")));
        by = blankToNull(by);
        reason = blankToNull(reason);
    }

    /** No waiver: every deviation fails a strict verdict. */
    public static Waivers none() {
        return new Waivers(Set.of(), null, null);
    }

    /** Whether this deviation is waived. */
    public boolean waives(String ruleId) {
        return ids.contains(ruleId);
    }

    /**
     * Checks the waived ids against the catalogue: each must exist and be a {@code reference} rule.
     *
     * @param levels rule id to level, from the catalogue
     * @return null when all is well, else the one-line problem, for the user
     */
    public String problem(Map<String, String> levels) {
        for (String id : ids) {
            String level = levels.get(id);
            if (level == null) {
                return "--waive: " + id + " is not a rule of the catalogue";
            }
            if (Rule.MUST.equalsIgnoreCase(level)) {
                return "--waive: " + id
                        + " is a must rule (required by the sources); only reference rules can be waived";
            }
        }
        return null;
    }

    /** The waived ids, sorted, for messages. */
    public List<String> sortedIds() {
        return ids.stream().sorted().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
