package dev.mvmqtt.tck.settings;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mvmqtt.tck.target.BrokerFamily;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The images the Testcontainers provisioning runs: by default the pinned official ones; any image that keeps the
 * official image's contract works in their place (properties {@code mvmqtt.image.hivemq} and
 * {@code mvmqtt.image.mosquitto}, or certify's {@code --hivemq-image} and {@code --mosquitto-image}), for example the
 * stand-ins {@code tck/containers/build-local-images} builds on a machine that cannot reach a registry.
 *
 * <p>For HiveMQ the contract is what the Testcontainers HiveMQ module expects of {@code hivemq/hivemq-ce}:
 * {@code /opt/hivemq} with {@code conf/} and {@code extensions/}, {@code /opt/docker-entrypoint.sh}, {@code /bin/sh}
 * with {@code cp}, {@code rm} and {@code chmod}, and the start-up log lines it waits for. For Mosquitto it is
 * {@code /mosquitto/config/mosquitto.conf} read by the image's entry point and command, and the
 * {@code mosquitto version ... running} log line.
 *
 * @param hivemq    the HiveMQ CE image
 * @param mosquitto the Mosquitto image
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ContainerImages(String hivemq, String mosquitto) {
    /** HiveMQ CE, the same version as the embedded broker. */
    public static final String HIVEMQ_CE = "hivemq/hivemq-ce:2025.5";
    /** Eclipse Mosquitto. */
    public static final String MOSQUITTO = "eclipse-mosquitto:2.0.20";

    public ContainerImages {
        hivemq = check(hivemq, "hivemq");
        mosquitto = check(mosquitto, "mosquitto");
    }

    /** The pinned official images. */
    public static ContainerImages defaults() {
        return new ContainerImages(HIVEMQ_CE, MOSQUITTO);
    }

    /** The image of {@code family}'s containers. */
    public String of(BrokerFamily family) {
        return switch (family) {
            case HIVEMQ -> hivemq;
            case MOSQUITTO -> mosquitto;
            case EXTERNAL -> throw new IllegalArgumentException("external brokers run in no container");
        };
    }

    /** True when both are the pinned official images. */
    public boolean official() {
        return hivemq.equals(HIVEMQ_CE) && mosquitto.equals(MOSQUITTO);
    }

    /**
     * The tag of an image name ({@code 2025.5} for {@code hivemq/hivemq-ce:2025.5}; {@code latest} when it has none;
     * the digest when it is given by digest).
     */
    public static String tag(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    }

    private static String check(String image, String which) {
        Objects.requireNonNull(image, which);
        String t = image.trim();
        if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Bad " + which + " image name '" + image
                    + "': expected a Docker image name such as " + (which.equals("hivemq") ? HIVEMQ_CE : MOSQUITTO));
        }
        return t;
    }
}
