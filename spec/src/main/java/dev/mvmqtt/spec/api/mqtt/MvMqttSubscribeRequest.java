package dev.mvmqtt.spec.api.mqtt;

import java.util.List;

/**
 * C {@code struct MvMqttSubscribeRequest}: correlation id, the subscriptions array and its declared
 * count ({@code numSubscriptions}, apart from the list as in C). At most 8 (TOOMANYELEMENTS beyond).
 */
public record MvMqttSubscribeRequest(int correlationId, List<MvMqttSubscription> subscriptions, int numSubscriptions) {
    public MvMqttSubscribeRequest {
        subscriptions = Lists.copy(subscriptions);
    }

    public static MvMqttSubscribeRequest of(int correlationId, MvMqttSubscription... subscriptions) {
        return new MvMqttSubscribeRequest(correlationId, List.of(subscriptions), subscriptions.length);
    }
}
