package dev.mvmqtt.tck;

import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.Assert;
import org.assertj.core.api.StandardSoftAssertionsProvider;

/**
 * The entry point of every TCK assertion that checks a catalogue rule: the rule is named as a value, and a failed
 * assertion throws a {@link RuleViolation} carrying it, which is what the recorder blames the test on.
 *
 * <pre>{@code
 * rule("PUB-OK-1", "QoS 0 publish response").assertThat(r.state()).isEqualTo(REQUESTCOMPLETED);
 * rule("PUB-QOS-1").assertThat(message).hasQos(1);
 * rules("SUB-RESP-1", "SUB-RESP-3").as("code %d of 8", i).assertThat(code).isEqualTo(granted);
 * }</pre>
 *
 * <p>Every AssertJ {@code assertThat} is available, plus the domain assertions {@link MessageAssert} (a message the
 * observer received), {@link DeviceMessageAssert} (a message the device received) and {@link PublishResponseAssert}.
 * Each assertion is described {@code "ID: what"} so that its message starts with the rule; a failure is thrown at
 * once, as with {@code Assertions.assertThat}. Assertions that check no rule (a precondition such as "the publish
 * was accepted" before the rule under test is reached) keep using {@code Assertions.assertThat}: their failure is
 * blamed on every id of the test's {@link Asserts}.
 *
 * <p>Built on AssertJ's soft-assertion proxies, with the collector throwing instead of collecting.
 */
public final class RuleCheck extends AbstractSoftAssertions implements StandardSoftAssertionsProvider {
    private final List<String> ruleIds;
    private final String what;
    private final Object[] args;

    private RuleCheck(List<String> ruleIds, String what, Object[] args) {
        this.ruleIds = List.copyOf(ruleIds);
        this.what = what;
        this.args = args;
    }

    /** Assertions that check the catalogue rule {@code id}. */
    public static RuleCheck rule(String id) {
        return new RuleCheck(List.of(id), null, new Object[0]);
    }

    /** Assertions that check the catalogue rule {@code id}, described as {@code what} (formatted with {@code args}). */
    public static RuleCheck rule(String id, String what, Object... args) {
        return rule(id).as(what, args);
    }

    /** Assertions that check all of these catalogue rules at once (a failure is blamed on each). */
    public static RuleCheck rules(String id, String... more) {
        return new RuleCheck(Stream.concat(Stream.of(id), Arrays.stream(more)).toList(), null, new Object[0]);
    }

    /** The same rules, with assertions described as {@code what} (formatted with {@code args}). */
    public RuleCheck as(String what, Object... args) {
        return new RuleCheck(ruleIds, what, args);
    }

    /** The catalogue ids these assertions check. */
    public List<String> ruleIds() {
        return ruleIds;
    }

    /** A message the observer received: topic, payload, QoS, retain. */
    public MessageAssert assertThat(ReceivedMessage actual) {
        return proxy(MessageAssert.class, ReceivedMessage.class, actual);
    }

    /** A message the device received through mvMqttReceiveMessage: topic, payload, QoS, retain, correlation id. */
    public DeviceMessageAssert assertThat(MvMqttMessage actual) {
        return proxy(DeviceMessageAssert.class, MvMqttMessage.class, actual);
    }

    /** A publish response: state, correlation id, reason code. */
    public PublishResponseAssert assertThat(MvMqttPublishResponse actual) {
        return proxy(PublishResponseAssert.class, MvMqttPublishResponse.class, actual);
    }

    /** Every assertion made through this check carries the rule ids at the start of its description. */
    @Override
    public <SELF extends Assert<? extends SELF, ? extends ACTUAL>, ACTUAL> SELF proxy(
            Class<SELF> assertClass, Class<ACTUAL> actualClass, ACTUAL actual) {
        SELF assertion = super.proxy(assertClass, actualClass, actual);
        String ids = String.join("/", ruleIds);
        assertion.as(what == null ? ids : ids + ": " + what, args);
        return assertion;
    }

    /** Fails at once instead of collecting: the first failed assertion ends the test, blamed on these rules. */
    @Override
    public void collectAssertionError(AssertionError error) {
        // An inner check's violation (in a lambda given to satisfies, say) names the more specific rule: keep it.
        throw error instanceof RuleViolation violation ? violation : new RuleViolation(ruleIds, error);
    }
}
