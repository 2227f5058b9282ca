package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;

@Violation(
        rules = {"WILL-UNEXP-1", "WILL-FIELDS-1"},
        breaks = "a valid will is stripped from the connect request, so the broker never publishes it.")
public final class LosesWill implements BrokenProvider {
    @Override
    public String name() {
        return "broken-loses-will";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request) {
                // WILL-UNEXP-1 broken: a will the reference would accept (topic given, payload pointer set,
                // QoS 0 or 1) never reaches the broker. Malformed wills still reach the reference, so their
                // refusals (WILL-ELEM-1, WILL-ELEM-2, QOS-REF-3) stay right.
                MvMqttWill will = request == null ? null : request.will();
                if (will != null
                        && will.topic() != null
                        && will.topic().isValid()
                        && will.topic().length() > 0
                        && will.payload() != null
                        && !will.payload().isNullPointer()
                        && will.payload().isValid()
                        && (will.qos() == 0 || will.qos() == 1)) {
                    request = request.toBuilder().will(null).build();
                }
                return delegate.mvMqttRequestConnect(channelHandle, request);
            }
        };
    }
}
