package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;

@Violation(
        rules = {"QOS-REF-1"},
        breaks =
                "a publish with desired_qos 2 or more is relayed to the broker at QoS 1 instead of being answered INVALIDPARAMETERS.")
public final class DowngradesQos2Publish implements BrokenProvider {
    @Override
    public String name() {
        return "broken-downgrades-qos2";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttRequestPublish(int channelHandle, MvMqttPublishRequest request) {
                // QOS-REF-1 broken: QoS 2+ is sent (as QoS 1) and answered REQUESTCOMPLETED.
                if (request != null && request.desiredQos() >= 2) {
                    request = new MvMqttPublishRequest(
                            request.correlationId(), request.topic(), request.payload(), 1, request.retain());
                }
                return delegate.mvMqttRequestPublish(channelHandle, request);
            }
        };
    }
}
