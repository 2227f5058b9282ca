package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;

/**
 * C {@code struct MvMqttPublishRequest}: correlation id (the application's choice), topic, payload,
 * desired QoS (0 or 1) and retain flag.
 */
public record MvMqttPublishRequest(
        int correlationId, MvSizedString topic, MvSizedString payload, int desiredQos, int retain) {
    public static MvMqttPublishRequest of(int correlationId, String topic, byte[] payload, int qos, boolean retain) {
        return new MvMqttPublishRequest(
                correlationId, MvSizedString.of(topic), MvSizedString.of(payload), qos, retain ? 1 : 0);
    }
}
