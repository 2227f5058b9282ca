package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;

@Violation(
        rules = {"CONN-ONCE-1"},
        breaks = "a second connect on a channel answers OKAY instead of REQUESTALREADYSENT (and issues nothing).")
public final class AcceptsSecondConnect implements BrokenProvider {
    @Override
    public String name() {
        return "broken-accepts-second-connect";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request) {
                MvStatus status = delegate.mvMqttRequestConnect(channelHandle, request);
                // CONN-ONCE-1 broken.
                return status == MvStatus.REQUESTALREADYSENT ? MvStatus.OKAY : status;
            }
        };
    }
}
