package dev.mvmqtt.tck.broker;

/** The pinned images the Testcontainers provisioning runs. */
public final class ContainerImages {
    /** HiveMQ CE, the same version as the embedded broker. */
    public static final String HIVEMQ_CE = "hivemq/hivemq-ce:2025.5";
    /** Eclipse Mosquitto. */
    public static final String MOSQUITTO = "eclipse-mosquitto:2.0.20";

    private ContainerImages() {
    }

    /** The tag of an image name ({@code 2025.5} for {@code hivemq/hivemq-ce:2025.5}). */
    static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }
}
