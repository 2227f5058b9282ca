package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;
import java.util.ArrayList;
import java.util.List;

/**
 * C {@code struct MvMqttUnsubscribeRequest}: correlation id, topic filters and their declared count.
 * At most 8 (TOOMANYELEMENTS beyond).
 */
public record MvMqttUnsubscribeRequest(int correlationId, List<MvSizedString> topics, int numTopics) {
    public MvMqttUnsubscribeRequest {
        topics = Lists.copy(topics);
    }

    public static MvMqttUnsubscribeRequest of(int correlationId, String... topics) {
        List<MvSizedString> list = new ArrayList<>();
        for (String t : topics) {
            list.add(MvSizedString.of(t));
        }
        return new MvMqttUnsubscribeRequest(correlationId, list, list.size());
    }
}
