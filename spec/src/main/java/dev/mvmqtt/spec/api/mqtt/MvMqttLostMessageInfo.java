package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;

/**
 * C {@code struct MvMqttLostMessageInfo}, filled by {@code mvMqttReceiveLostMessageInfo}: why the
 * message was lost ({@code MvMqttLostMessageReason}), its topic, and the length it needed.
 */
public record MvMqttLostMessageInfo(U32Ref reason, MvSizedStringBuffer topic, U32Ref messageLen) {
    public static MvMqttLostMessageInfo allocate(int topicSize) {
        return new MvMqttLostMessageInfo(new U32Ref(-1), MvSizedStringBuffer.allocate(topicSize), new U32Ref(-1));
    }
}
