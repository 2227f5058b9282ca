package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;

@Violation(
        rules = {"GEN-CORR-1"},
        breaks = "the publish response carries the request correlation id plus one.")
public final class WrongPublishCorrelation implements BrokenProvider {
    @Override
    public String name() {
        return "broken-wrong-publish-correlation";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttReadPublishResponse(int channelHandle, MvMqttPublishResponse response) {
                MvStatus status = delegate.mvMqttReadPublishResponse(channelHandle, response);
                // GEN-CORR-1 broken: the correlation id is not echoed unchanged.
                if (status == MvStatus.OKAY) {
                    response.correlationId = response.correlationId + 1;
                }
                return status;
            }
        };
    }
}
