package dev.mvmqtt.tck;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Keys of the JUnit Platform report entries every TCK test publishes, so that a listener (the
 * recorder behind the compliance report) knows where a result was obtained. Each test invocation
 * publishes one entry holding all of these keys, before it starts checking.
 */
@API(status = INTERNAL, since = "0.1")
public final class TckReportKeys {
    /** Target id, for example {@code hivemq-v5-tls}; {@code device} for tests that need no broker. */
    public static final String TARGET = "mvmqtt.target";
    /** Broker family: {@code hivemq}, {@code mosquitto}, {@code external}, or {@code none}. */
    public static final String BROKER = "mvmqtt.broker";
    /** MQTT version: {@code 3.1.1} or {@code 5}, or {@code none}. */
    public static final String MQTT_VERSION = "mvmqtt.mqttVersion";
    /** {@code plain} or {@code tls}, or {@code none}. */
    public static final String TRANSPORT = "mvmqtt.transport";
    /** {@code testcontainers}, {@code embedded}, {@code native-binary}, {@code external}, or {@code none}. */
    public static final String PROVISIONING = "mvmqtt.provisioning";
    /** The broker's version as the provisioner knows it, for example {@code 2025.5} or {@code 2.0.11}. */
    public static final String BROKER_VERSION = "mvmqtt.brokerVersion";
    /** For a property: the seed jqwik used, so a failure can be replayed. */
    public static final String SEED = "mvmqtt.seed";

    private TckReportKeys() {}
}
