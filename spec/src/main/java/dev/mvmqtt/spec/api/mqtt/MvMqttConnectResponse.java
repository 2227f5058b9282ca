package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;

/**
 * C {@code struct MvMqttConnectResponse}, the holder {@code mvMqttReadConnectResponse} writes into:
 * the request state and the broker's MQTT reason or return code (0 = success).
 */
public final class MvMqttConnectResponse {
    public int requestState = -1;
    public int reasonCode = -1;

    public MvMqttRequestState state() {
        return MvMqttRequestState.of(requestState);
    }

    @Override
    public String toString() {
        return "MvMqttConnectResponse[" + state().name() + ", reason=0x" + Integer.toHexString(reasonCode) + "]";
    }
}
