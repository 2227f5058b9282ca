package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;

/**
 * The subscribe reason codes are written in reverse request order. The codes are the broker's SUBACK codes passed
 * through (0 for QoS 0, 1 for QoS 1, a reading SUB-RESP-3 allows), so that the order can be seen.
 */
@Violation(
        rules = {"SUB-RESP-1"},
        breaks = "the subscribe reason codes are written in reverse request order.")
public final class ReversesReasonCodes implements BrokenProvider {
    @Override
    public String name() {
        return "broken-reversed-reason-codes";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            private int[] lastQos;

            @Override
            public MvStatus mvMqttRequestSubscribe(int channelHandle, MvMqttSubscribeRequest request) {
                MvStatus status = delegate.mvMqttRequestSubscribe(channelHandle, request);
                if (status == MvStatus.OKAY) {
                    lastQos = request.subscriptions().stream()
                            .limit(request.numSubscriptions())
                            .mapToInt(s -> s.desiredQos())
                            .toArray();
                }
                return status;
            }

            @Override
            public MvStatus mvMqttReadSubscribeResponse(int channelHandle, MvMqttSubscribeResponse response) {
                MvStatus status = delegate.mvMqttReadSubscribeResponse(channelHandle, response);
                // SUB-RESP-1 broken: codes not in request order.
                if (status == MvStatus.OKAY
                        && lastQos != null
                        && lastQos.length == response.reasonCodesLen().get()) {
                    int[] codes = lastQos.clone();
                    for (int i = 0; i < codes.length; i++) {
                        response.writeReasonCode(i, codes[codes.length - 1 - i]);
                    }
                }
                return status;
            }
        };
    }
}
