package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.Microvisor;
import java.util.Set;

/** Violates SUB-RESP-1: the subscribe reason codes are written in reverse request order. */
public final class ReversesReasonCodes implements BrokenProvider {
    @Override
    public String name() {
        return "broken-reversed-reason-codes";
    }

    @Override
    public String breaks() {
        return "Violates SUB-RESP-1: the subscribe reason codes are written in reverse request order.";
    }

    @Override
    public Set<String> violates() {
        return Set.of("SUB-RESP-1");
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttReadSubscribeResponse(int channelHandle, MvMqttSubscribeResponse response) {
                MvStatus status = delegate.mvMqttReadSubscribeResponse(channelHandle, response);
                // SUB-RESP-1 broken: codes not in request order.
                if (status == MvStatus.OKAY) {
                    int[] codes = response.writtenReasonCodes();
                    for (int i = 0; i < codes.length; i++) {
                        response.writeReasonCode(i, codes[codes.length - 1 - i]);
                    }
                }
                return status;
            }
        };
    }
}
