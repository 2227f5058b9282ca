package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;

@Violation(
        rules = {"LIMIT-TOPICS-1"},
        breaks = "a subscribe with more than 8 subscriptions is accepted with its first 8 instead of TOOMANYELEMENTS.")
public final class TruncatesSubscriptions implements BrokenProvider {
    @Override
    public String name() {
        return "broken-truncates-subscriptions";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttRequestSubscribe(int channelHandle, MvMqttSubscribeRequest request) {
                // LIMIT-TOPICS-1 broken: silently keeps the first 8 subscriptions.
                if (request != null
                        && request.numSubscriptions() > 8
                        && request.subscriptions().size() > 8) {
                    request = new MvMqttSubscribeRequest(
                            request.correlationId(), request.subscriptions().subList(0, 8), 8);
                }
                return delegate.mvMqttRequestSubscribe(channelHandle, request);
            }
        };
    }
}
