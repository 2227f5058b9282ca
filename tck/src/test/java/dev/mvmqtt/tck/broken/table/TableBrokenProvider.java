package dev.mvmqtt.tck.broken.table;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.tck.broken.BrokenProvider;
import dev.mvmqtt.tck.target.TargetId;
import java.util.List;
import java.util.Set;

/**
 * The provider of every {@link BreakTable} row, registered once as {@value #NAME}. Which rule it breaks is chosen
 * before a run with {@link #activate(String)} (the kit's own tests) or the system property {@value #RULE_PROPERTY}
 * ({@code RULE} or {@code RULE/variant})
 * (for {@code ./certify --jar mvmqtt-tck-tests.jar --implementation broken-table -Dmvmqtt.broken.rule=ID}).
 */
public final class TableBrokenProvider implements BrokenProvider {
    /** The provider's name. */
    public static final String NAME = "broken-table";
    /** The system property naming the rule to break when none was activated. */
    public static final String RULE_PROPERTY = "mvmqtt.broken.rule";

    /** Scoped to the thread that activates it and the threads it starts: broken runs may overlap. */
    private static final InheritableThreadLocal<String> ACTIVE = new InheritableThreadLocal<>();

    /** Makes every instance the implementation {@code key} ({@code RULE} or {@code RULE/variant}; null: back to the property). */
    public static void activate(String key) {
        if (key != null && BreakTable.rowsFor(key).isEmpty()) {
            throw new IllegalArgumentException("no row of the break table is " + key);
        }
        if (key == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(key);
        }
    }

    private static String key() {
        String key = ACTIVE.get() != null ? ACTIVE.get() : System.getProperty(RULE_PROPERTY);
        if (key == null || BreakTable.rowsFor(key).isEmpty()) {
            throw new IllegalStateException(NAME + " breaks one rule of the break table: set -D" + RULE_PROPERTY
                    + " to one of " + BreakTable.keys());
        }
        return key;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String breaks() {
        return String.join(
                "; ", BreakTable.rowsFor(key()).stream().map(Break::breaks).toList());
    }

    @Override
    public Set<String> violates() {
        return Set.of(BreakTable.rowsFor(key()).get(0).rule());
    }

    /** The implementation's name for people: {@code broken-table-<rule>[-<variant>]}. */
    public String label() {
        return BreakTable.rowsFor(key()).get(0).implementationName();
    }

    @Override
    public List<TargetId> targets() {
        return BreakTable.rowsFor(key()).stream()
                .flatMap(b -> b.targets().stream())
                .distinct()
                .toList();
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return BreakingMicrovisor.wrap(reference, BreakTable.rowsFor(key()));
    }
}
