package dev.mvmqtt.tck.settings;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/** How local brokers are provisioned; property {@code mvmqtt.provisioning}. */
@API(status = STABLE, since = "0.1")
public enum ProvisioningMode {
    /** Testcontainers when a Docker engine answers, otherwise docker-free (the default). */
    AUTO("auto"),
    /** Testcontainers only; without a Docker engine the local targets are unavailable. */
    TESTCONTAINERS("testcontainers"),
    /** HiveMQ CE embedded in this JVM and the native {@code mosquitto} binary. */
    DOCKER_FREE("docker-free");

    private final String id;

    ProvisioningMode(String id) {
        this.id = id;
    }

    /** The property value: {@code auto}, {@code testcontainers} or {@code docker-free}. */
    public String id() {
        return id;
    }

    /**
     * The mode named {@code text} (case-insensitive; {@code docker_free} and {@code dockerfree} also work).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ProvisioningMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ProvisioningMode m : values()) {
            if (m.id.equals(t) || m.id.replace("-", "").equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Bad value '" + text + "' for " + TckSettings.PROVISIONING
                + ": expected auto, testcontainers or docker-free");
    }
}
