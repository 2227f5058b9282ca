package dev.mvmqtt.tck.observer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A publish the observer received from the broker: topic, payload bytes, QoS and retain flag, exactly as the
 * broker delivered them. Immutable; {@link #payload()} returns a copy.
 */
public final class ReceivedMessage {
    private final String topic;
    private final byte[] payload;
    private final int qos;
    private final boolean retain;

    /** A received message. */
    public ReceivedMessage(String topic, byte[] payload, int qos, boolean retain) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.payload = payload.clone();
        this.qos = qos;
        this.retain = retain;
    }

    /** The topic name. */
    public String topic() {
        return topic;
    }

    /** The payload bytes (a copy). */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload decoded as UTF-8, for messages and assertions on text payloads. */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The QoS the broker delivered it with (0, 1 or 2). */
    public int qos() {
        return qos;
    }

    /** The retain flag as delivered. */
    public boolean retain() {
        return retain;
    }

    /** True when topic and payload equal these, byte for byte. */
    public boolean is(String topic, byte[] payload) {
        return this.topic.equals(topic) && Arrays.equals(this.payload, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedMessage m
                && topic.equals(m.topic)
                && Arrays.equals(payload, m.payload)
                && qos == m.qos
                && retain == m.retain;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain);
    }

    @Override
    public String toString() {
        String shown = payload.length <= 64
                ? HexFormat.of().formatHex(payload)
                : HexFormat.of().formatHex(payload, 0, 64) + "...";
        return "ReceivedMessage{topic=" + topic + ", payload(" + payload.length + " bytes)=" + shown + ", qos=" + qos
                + ", retain=" + retain + "}";
    }
}
