package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;

@Violation(
        rules = {"GEN-REFUSED-1"},
        breaks =
                "a subscribe refused with TOOMANYELEMENTS still issues its first 8 topics, so a response and a notification follow the refusal.")
public final class AnswersRefusedSubscribe implements BrokenProvider {
    @Override
    public String name() {
        return "broken-answers-refused-subscribe";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttRequestSubscribe(int channelHandle, MvMqttSubscribeRequest request) {
                MvStatus status = delegate.mvMqttRequestSubscribe(channelHandle, request);
                // GEN-REFUSED-1 broken: the refusal is returned, but the request is issued anyway (truncated).
                if (status == MvStatus.TOOMANYELEMENTS
                        && request.subscriptions().size() > 8) {
                    delegate.mvMqttRequestSubscribe(
                            channelHandle,
                            new MvMqttSubscribeRequest(
                                    request.correlationId(),
                                    request.subscriptions().subList(0, 8),
                                    8));
                }
                return status;
            }
        };
    }
}
