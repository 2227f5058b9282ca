package dev.mvmqtt.reference.relay;

/** One validated subscription: topic filter, QoS 0 or 1, and the MQTT 5 options. */
public record SubscriptionSpec(
        String topicFilter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {}
