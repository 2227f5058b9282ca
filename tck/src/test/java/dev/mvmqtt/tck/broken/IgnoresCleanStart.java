package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.tck.target.TargetId;
import java.util.List;

@Violation(
        rules = {"SESS-PERSIST-1", "SESS-PERSIST-2"},
        breaks = "clean_start 0 is sent as clean start 1, so persistent sessions are lost.")
public final class IgnoresCleanStart implements BrokenProvider {
    @Override
    public String name() {
        return "broken-ignores-clean-start";
    }

    /** SESS-PERSIST-1 and -2 are the 3.1.1 rules; on MQTT 5 the same persistence is the reference's SESS-REF-2. */
    @Override
    public List<TargetId> targets() {
        return List.of(TargetId.parse("hivemq-v311-plain"));
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request) {
                // SESS-PERSIST-1/2 broken: every connect asks for a clean start.
                if (request != null && request.cleanStart() == 0) {
                    request = request.toBuilder().cleanStart(1).build();
                }
                return delegate.mvMqttRequestConnect(channelHandle, request);
            }
        };
    }
}
