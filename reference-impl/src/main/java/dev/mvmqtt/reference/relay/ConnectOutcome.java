package dev.mvmqtt.reference.relay;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;

/**
 * How a connect attempt ended: a live link with state REQUESTCOMPLETED, or no link, a request state
 * and the broker's reason code (0 when the broker said nothing).
 */
public record ConnectOutcome(BrokerLink link, MvMqttRequestState state, int reasonCode, String detail) {
    public static ConnectOutcome connected(BrokerLink link) {
        return new ConnectOutcome(link, MvMqttRequestState.REQUESTCOMPLETED, 0, "connected");
    }

    public static ConnectOutcome failed(MvMqttRequestState state, int reasonCode, String detail) {
        return new ConnectOutcome(null, state, reasonCode, detail);
    }
}
