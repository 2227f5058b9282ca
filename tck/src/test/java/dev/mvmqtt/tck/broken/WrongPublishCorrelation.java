package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.Microvisor;
import java.util.Set;

/** Violates GEN-CORR-1: the publish response carries the request correlation id plus one. */
public final class WrongPublishCorrelation implements BrokenProvider {
    @Override
    public String name() {
        return "broken-wrong-publish-correlation";
    }

    @Override
    public String breaks() {
        return "Violates GEN-CORR-1: the publish response carries the request correlation id plus one.";
    }

    @Override
    public Set<String> violates() {
        return Set.of("GEN-CORR-1");
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
