package dev.mvmqtt.tck;

import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/**
 * A message the device read with {@code mvMqttReceiveMessage}: the topic and payload its buffers were written
 * with, and its QoS and retain cells. Use it through {@link RuleCheck}, which names the rule:
 * {@code rule("RECV-MSG-1").assertThat(m).hasTopic(t).hasPayload(p)}.
 */
public class DeviceMessageAssert extends AbstractAssert<DeviceMessageAssert, MvMqttMessage> {

    public DeviceMessageAssert(MvMqttMessage actual) {
        super(actual, DeviceMessageAssert.class);
    }

    /** The topic buffer was written with {@code topic} in UTF-8, byte for byte. */
    public DeviceMessageAssert hasTopic(String topic) {
        isNotNull();
        String written = new String(actual.topic().written(), StandardCharsets.UTF_8);
        if (!Arrays.equals(actual.topic().written(), topic.getBytes(StandardCharsets.UTF_8))) {
            failWithMessage("expected topic <%s> but the topic buffer holds <%s>", topic, written);
        }
        return this;
    }

    /** The payload buffer was written with {@code payload}, byte for byte. */
    public DeviceMessageAssert hasPayload(byte[] payload) {
        isNotNull();
        byte[] written = actual.payload().written();
        if (!Arrays.equals(written, payload)) {
            failWithMessage(
                    "expected a payload of %d bytes %s but the payload buffer holds %d bytes %s",
                    payload.length, Arrays.toString(payload), written.length, Arrays.toString(written));
        }
        return this;
    }

    /** The QoS cell holds {@code qos}. */
    public DeviceMessageAssert hasQos(int qos) {
        isNotNull();
        if (actual.qos().get() != qos) {
            failWithMessage(
                    "expected QoS %d but the qos cell holds %d",
                    qos, actual.qos().get());
        }
        return this;
    }

    /** The retain cell is set (non-zero). */
    public DeviceMessageAssert isRetained() {
        isNotNull();
        if (actual.retain().get() == 0) {
            failWithMessage("expected the retain cell set but it holds 0");
        }
        return this;
    }

    /** The retain cell is 0. */
    public DeviceMessageAssert isNotRetained() {
        isNotNull();
        if (actual.retain().get() != 0) {
            failWithMessage(
                    "expected the retain cell 0 but it holds %d",
                    actual.retain().get());
        }
        return this;
    }
}
