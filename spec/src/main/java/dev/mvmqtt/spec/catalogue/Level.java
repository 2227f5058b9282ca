package dev.mvmqtt.spec.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** How binding a rule is: stated by a source ({@code must}) or decided by this project ({@code reference}). */
public enum Level {
    /** The guide, the header or the demo states the rule. */
    MUST("must"),
    /** No source speaks; the reference implementation decides (tested in the TCK's strict profile). */
    REFERENCE("reference");

    private final String json;

    Level(String json) {
        this.json = json;
    }

    /** The value as written in {@code catalogue.json}. */
    public String json() {
        return json;
    }

    /** The level written as {@code value} in the catalogue, if there is one (exact, lower case). */
    public static Optional<Level> fromJson(String value) {
        return Arrays.stream(values()).filter(l -> l.json.equals(value)).findFirst();
    }
}
