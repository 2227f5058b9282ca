package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;

/**
 * C {@code struct MvMqttPublishResponse}, written by {@code mvMqttReadPublishResponse}: request state,
 * the request's correlation id, and the broker's reason code (always 0 on MQTT 3.1.1).
 */
public final class MvMqttPublishResponse {
    public int requestState = -1;
    public int correlationId = -1;
    public int reasonCode = -1;

    public MvMqttRequestState state() {
        return MvMqttRequestState.of(requestState);
    }

    @Override
    public String toString() {
        return "MvMqttPublishResponse[" + state().name() + ", correlation=" + Integer.toUnsignedString(correlationId)
                + ", reason=0x" + Integer.toHexString(reasonCode) + "]";
    }
}
