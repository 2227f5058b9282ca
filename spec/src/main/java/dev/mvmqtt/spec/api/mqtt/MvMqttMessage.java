package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;

/**
 * C {@code struct MvMqttMessage}, filled by {@code mvMqttReceiveMessage}: a correlation id of
 * Microvisor's choosing (to pass to {@code mvMqttAcknowledgeMessage}), topic and payload buffers,
 * QoS and retain flag. A null pointer here is a LATEFAULT.
 */
public record MvMqttMessage(
        U32Ref correlationId, MvSizedStringBuffer topic, MvSizedStringBuffer payload, U32Ref qos, U32Ref retain) {
    /** Fresh cells and heap buffers of these sizes. */
    public static MvMqttMessage allocate(int topicSize, int payloadSize) {
        return new MvMqttMessage(
                new U32Ref(-1),
                MvSizedStringBuffer.allocate(topicSize),
                MvSizedStringBuffer.allocate(payloadSize),
                new U32Ref(-1),
                new U32Ref(-1));
    }
}
