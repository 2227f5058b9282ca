package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;

@Violation(
        rules = {"ACK-REF-1"},
        breaks = "acknowledges every received QoS 1 message to the broker as soon as the application receives it.")
public final class AcknowledgesQos1ByItself implements BrokenProvider {
    @Override
    public String name() {
        return "broken-acknowledges-by-itself";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttReceiveMessage(int channelHandle, MvMqttMessage message) {
                MvStatus status = delegate.mvMqttReceiveMessage(channelHandle, message);
                // ACK-REF-1 broken: only mvMqttAcknowledgeMessage may acknowledge a QoS 1 message.
                if (status == MvStatus.OKAY && message.qos().get() == 1) {
                    delegate.mvMqttAcknowledgeMessage(
                            channelHandle, message.correlationId().get());
                }
                return status;
            }
        };
    }
}
