package dev.mvmqtt.tck;

import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import org.assertj.core.api.AbstractAssert;

/**
 * A publish response the device read: request state, correlation id, reason code. Use it through
 * {@link RuleCheck}, which names the rule: {@code rule("PUB-OK-1").assertThat(r).isCompleted().hasCorrelationId(7)}.
 */
public class PublishResponseAssert extends AbstractAssert<PublishResponseAssert, MvMqttPublishResponse> {

    public PublishResponseAssert(MvMqttPublishResponse actual) {
        super(actual, PublishResponseAssert.class);
    }

    /** The request state is {@code state}. */
    public PublishResponseAssert hasState(MvMqttRequestState state) {
        isNotNull();
        if (!state.equals(actual.state())) {
            failWithMessage("expected state %s but the response was %s", state, actual);
        }
        return this;
    }

    /** The request state is REQUESTCOMPLETED. */
    public PublishResponseAssert isCompleted() {
        return hasState(MvMqttRequestState.REQUESTCOMPLETED);
    }

    /** The response answers the request with {@code correlationId}. */
    public PublishResponseAssert hasCorrelationId(int correlationId) {
        isNotNull();
        if (actual.correlationId != correlationId) {
            failWithMessage(
                    "expected correlation id %s but the response was %s",
                    Integer.toUnsignedString(correlationId), actual);
        }
        return this;
    }

    /** The reason code is {@code reasonCode}. */
    public PublishResponseAssert hasReasonCode(int reasonCode) {
        isNotNull();
        if (actual.reasonCode != reasonCode) {
            failWithMessage("expected reason code 0x%02x but the response was %s", reasonCode, actual);
        }
        return this;
    }
}
