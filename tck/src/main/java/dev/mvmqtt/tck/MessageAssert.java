package dev.mvmqtt.tck;

import dev.mvmqtt.tck.observer.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/**
 * A message the observer received from the broker: topic, payload (byte for byte), QoS and retain flag. Use it
 * through {@link RuleCheck}, which names the rule: {@code rule("PUB-OK-1").assertThat(m).hasTopic(t).hasPayload(p)}.
 */
public class MessageAssert extends AbstractAssert<MessageAssert, ReceivedMessage> {

    public MessageAssert(ReceivedMessage actual) {
        super(actual, MessageAssert.class);
    }

    /** The topic is {@code topic}, character for character. */
    public MessageAssert hasTopic(String topic) {
        isNotNull();
        if (!actual.topic().equals(topic)) {
            failWithMessage("expected topic <%s> but the message was %s", topic, actual);
        }
        return this;
    }

    /** The payload is {@code payload}, byte for byte. */
    public MessageAssert hasPayload(byte[] payload) {
        isNotNull();
        if (!Arrays.equals(actual.payload(), payload)) {
            failWithMessage(
                    "expected a payload of %d bytes %s but the message was %s (%s)",
                    payload.length, Arrays.toString(payload), actual, Arrays.toString(actual.payload()));
        }
        return this;
    }

    /** The payload is {@code text} in UTF-8. */
    public MessageAssert hasPayload(String text) {
        isNotNull();
        if (!Arrays.equals(actual.payload(), text.getBytes(StandardCharsets.UTF_8))) {
            failWithMessage("expected the payload \"%s\" but the message was %s", text, actual);
        }
        return this;
    }

    /** It arrived at QoS {@code qos}. */
    public MessageAssert hasQos(int qos) {
        isNotNull();
        if (actual.qos() != qos) {
            failWithMessage("expected QoS %d but the message was %s", qos, actual);
        }
        return this;
    }

    /** It carries the retain flag. */
    public MessageAssert isRetained() {
        isNotNull();
        if (!actual.retain()) {
            failWithMessage("expected the retain flag but the message was %s", actual);
        }
        return this;
    }

    /** It does not carry the retain flag. */
    public MessageAssert isNotRetained() {
        isNotNull();
        if (actual.retain()) {
            failWithMessage("expected no retain flag but the message was %s", actual);
        }
        return this;
    }
}
