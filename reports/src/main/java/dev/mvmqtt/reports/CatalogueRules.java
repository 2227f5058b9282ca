package dev.mvmqtt.reports;

import dev.mvmqtt.spec.catalogue.Assertion;
import dev.mvmqtt.spec.catalogue.Catalogue;
import dev.mvmqtt.spec.catalogue.Group;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns the catalogue into the {@link RuleGroup}s the report is built from (the only place that reads the catalogue). */
public final class CatalogueRules {
    private CatalogueRules() {}

    /** The catalogue's groups in document order, each with its assertions in document order. */
    public static List<RuleGroup> from(Catalogue catalogue) {
        List<RuleGroup> groups = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Group g : catalogue.groups()) {
            seen.add(g.id());
            groups.add(new RuleGroup(
                    g.id(),
                    g.title(),
                    catalogue.inGroup(g.id()).stream().map(CatalogueRules::rule).toList()));
        }
        // An assertion whose group the catalogue does not list still belongs in the report.
        List<Rule> orphans = catalogue.assertions().stream()
                .filter(a -> !seen.contains(a.group()))
                .map(CatalogueRules::rule)
                .toList();
        if (!orphans.isEmpty()) {
            groups.add(new RuleGroup("OTHER", "Other rules", orphans));
        }
        return groups;
    }

    static Rule rule(Assertion a) {
        return new Rule(
                a.id(),
                a.statement(),
                a.level().json(),
                a.source().json(),
                a.mqttVersions(),
                a.calls(),
                a.needsBroker(),
                a.note().orElse(null));
    }
}
