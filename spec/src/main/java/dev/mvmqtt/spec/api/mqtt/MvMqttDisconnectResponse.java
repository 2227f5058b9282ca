package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;

/**
 * C {@code struct MvMqttDisconnectResponse}, written by {@code mvMqttReadDisconnectResponse}: the
 * request state and the disconnect code (an MQTT 5 reason code from the broker, or 0).
 */
public final class MvMqttDisconnectResponse {
    public int requestState = -1;
    public int disconnectCode = -1;

    public MvMqttRequestState state() {
        return MvMqttRequestState.of(requestState);
    }

    @Override
    public String toString() {
        return "MvMqttDisconnectResponse[" + state().name() + ", code=0x" + Integer.toHexString(disconnectCode) + "]";
    }
}
