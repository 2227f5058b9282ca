package dev.mvmqtt.tck.target;

/** How a broker was brought up for the run. */
public enum Provisioning {
    /** A container started with Testcontainers (pinned image tags). */
    TESTCONTAINERS("testcontainers"),
    /** In this JVM (HiveMQ CE embedded). */
    EMBEDDED("embedded"),
    /** A native broker process on this machine (the {@code mosquitto} binary). */
    NATIVE_BINARY("native-binary"),
    /** Nothing was started: the broker is given by the {@code mvmqtt.external.*} properties. */
    EXTERNAL("external");

    private final String id;

    Provisioning(String id) {
        this.id = id;
    }

    /** The id report entries carry: {@code testcontainers}, {@code embedded}, {@code native-binary}, {@code external}. */
    public String id() {
        return id;
    }

    /**
     * The provisioning whose {@link #id()} is {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Provisioning ofId(String id) {
        for (Provisioning p : values()) {
            if (p.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "Unknown provisioning '" + id + "': expected testcontainers, embedded, native-binary or external");
    }
}
