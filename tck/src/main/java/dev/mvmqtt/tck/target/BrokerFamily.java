package dev.mvmqtt.tck.target;

import java.util.Locale;

/** The broker product behind a target. */
public enum BrokerFamily {
    /** HiveMQ Community Edition (embedded or container). */
    HIVEMQ,
    /** Eclipse Mosquitto (the native binary or container). */
    MOSQUITTO,
    /** Any other broker, reached at the host and ports given by the {@code mvmqtt.external.*} properties. */
    EXTERNAL;

    /** The id used in target ids and report entries: {@code hivemq}, {@code mosquitto}, {@code external}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The family whose {@link #id()} is {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static BrokerFamily ofId(String id) {
        for (BrokerFamily f : values()) {
            if (f.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "Unknown broker family '" + id + "': expected hivemq, mosquitto or external");
    }
}
