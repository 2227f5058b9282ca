package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;

/** C {@code struct MvMqttWill}: topic, payload, QoS (0 or 1) and retain flag. Its rules are the catalogue group WILL. */
public record MvMqttWill(MvSizedString topic, MvSizedString payload, int qos, int retain) {
    public static MvMqttWill of(String topic, byte[] payload, int qos, boolean retain) {
        return new MvMqttWill(MvSizedString.of(topic), MvSizedString.of(payload), qos, retain ? 1 : 0);
    }
}
