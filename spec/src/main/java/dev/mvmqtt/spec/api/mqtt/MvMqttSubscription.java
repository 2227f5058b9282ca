package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;

/**
 * C {@code struct MvMqttSubscription}: topic filter, desired QoS (0 or 1), and the MQTT 5 options
 * no-local, retain-as-published and retain handling.
 */
public record MvMqttSubscription(MvSizedString topic, int desiredQos, int nl, int rap, int rh) {
    public static MvMqttSubscription of(String topic, int desiredQos) {
        return new MvMqttSubscription(MvSizedString.of(topic), desiredQos, 0, 0, 0);
    }
}
