package dev.mvmqtt.tck.settings;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/** Which catalogue levels run; property {@code mvmqtt.profile}. */
@API(status = STABLE, since = "0.1")
public enum Profile {
    /** {@code must} rules and {@code reference} rules (the default). */
    STRICT("strict"),
    /** Only {@code must} rules; tests of {@code reference} rules are skipped with a reason. */
    MUST("must");

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    /** The property value: {@code strict} or {@code must}. */
    public String id() {
        return id;
    }

    /**
     * The profile named {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Profile parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Profile p : values()) {
            if (p.id.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "Bad value '" + text + "' for " + TckSettings.PROFILE + ": expected strict or must");
    }
}
