package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.Microvisor;
import java.util.Set;

/** Violates CONN-ONCE-1: a second connect on a channel answers OKAY instead of REQUESTALREADYSENT (and issues nothing). */
public final class AcceptsSecondConnect implements BrokenProvider {
    @Override
    public String name() {
        return "broken-accepts-second-connect";
    }

    @Override
    public String breaks() {
        return "Violates CONN-ONCE-1: a second connect on a channel answers OKAY instead of REQUESTALREADYSENT (and issues nothing).";
    }

    @Override
    public Set<String> violates() {
        return Set.of("CONN-ONCE-1");
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
