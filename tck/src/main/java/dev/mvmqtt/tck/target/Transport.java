package dev.mvmqtt.tck.target;

import java.util.Locale;

/** How a target is reached: plain TCP or TLS. */
public enum Transport {
    /** Plain TCP. */
    PLAIN,
    /** TLS over TCP, with the server certificate issued by the target's CA. */
    TLS;

    /** The id used in target ids and report entries: {@code plain} or {@code tls}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The transport whose {@link #id()} is {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Transport ofId(String id) {
        for (Transport t : values()) {
            if (t.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown transport '" + id + "': expected plain or tls");
    }
}
