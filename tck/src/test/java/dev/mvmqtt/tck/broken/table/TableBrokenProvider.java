package dev.mvmqtt.tck.broken.table;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.tck.broken.BrokenProvider;
import dev.mvmqtt.tck.broker.TargetId;
import java.util.List;
import java.util.Set;

/**
 * The provider of every {@link BreakTable} row, registered once as {@value #NAME}. Which rule it breaks is chosen
 * before a run with {@link #activate(String)} (the kit's own tests) or the system property {@value #RULE_PROPERTY}
 * (for {@code ./certify --jar mvmqtt-tck-tests.jar --implementation broken-table -Dmvmqtt.broken.rule=ID}).
 */
public final class TableBrokenProvider implements BrokenProvider {
    /** The provider's name. */
    public static final String NAME = "broken-table";
    /** The system property naming the rule to break when none was activated. */
    public static final String RULE_PROPERTY = "mvmqtt.broken.rule";

    private static volatile String active;

    /** Makes every instance break {@code rule} (null: back to the system property). */
    public static void activate(String rule) {
        if (rule != null && BreakTable.rowsFor(rule).isEmpty()) {
            throw new IllegalArgumentException("no row of the break table breaks " + rule);
        }
        active = rule;
    }

    private static String rule() {
        String rule = active != null ? active : System.getProperty(RULE_PROPERTY);
        if (rule == null || BreakTable.rowsFor(rule).isEmpty()) {
            throw new IllegalStateException(NAME + " breaks one row of the break table: set -D" + RULE_PROPERTY
                    + " to one of " + BreakTable.rules());
        }
        return rule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String breaks() {
        return String.join("; ", BreakTable.rowsFor(rule()).stream().map(Break::breaks).toList());
    }

    @Override
    public Set<String> violates() {
        return Set.of(rule());
    }

    @Override
    public List<TargetId> targets() {
        return BreakTable.rowsFor(rule()).stream().flatMap(b -> b.targets().stream()).distinct().toList();
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return BreakingMicrovisor.wrap(reference, BreakTable.rowsFor(rule()));
    }
}
