package dev.mvmqtt.reports;

import java.util.List;
import java.util.Objects;

/**
 * A group of rules as the catalogue groups them.
 *
 * @param name  the group's name (for example its id prefix, {@code CHAN})
 * @param title a title for people, or the name again
 * @param rules its rules, in catalogue order
 */
public record RuleGroup(String name, String title, List<Rule> rules) {
    public RuleGroup {
        Objects.requireNonNull(name, "name");
        title = title == null || title.isBlank() ? name : title;
        rules = List.copyOf(rules);
    }
}
