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
    /** What is checked, already formatted; null for the ids alone. */
    private final String what;

    private RuleCheck(List<String> ruleIds, String what) {
        this.ruleIds = List.copyOf(ruleIds);
        this.what = what;
    }

    /** Assertions that check the catalogue rule {@code id}. */
    public static RuleCheck rule(String id) {
        return new RuleCheck(List.of(id), null);
    }

    /** Assertions that check the catalogue rule {@code id}, described as {@code what} (formatted with {@code args}). */
    public static RuleCheck rule(String id, String what, Object... args) {
        return rule(id).as(what, args);
    }

    /** Assertions that check all of these catalogue rules at once (a failure is blamed on each). */
    public static RuleCheck rules(String id, String... more) {
        return new RuleCheck(Stream.concat(Stream.of(id), Arrays.stream(more)).toList(), null);
    }

    /**
     * Assertions that check no rule: a precondition a shared helper checks for a test that does not assert the rule
     * behind it (the demo firmware's connect, in a test of its disconnect code). A failure is a plain
     * {@link AssertionError}, blamed on every id of the test's {@link Asserts}.
     */
    public static RuleCheck precondition(String what, Object... args) {
        return new RuleCheck(List.of(), format(what, args));
    }

    /** The same rules, with assertions described as {@code what} (formatted with {@code args}, as AssertJ does). */
    public RuleCheck as(String what, Object... args) {
        return new RuleCheck(ruleIds, format(what, args));
    }

    /**
     * The same rules, the description followed by {@code detail}: a shared helper given a check adds what it
     * checks itself ({@code "UNSUB-OK-1: nothing arrives on unsubscribed topics: nothing may become readable"}).
     */
    public RuleCheck with(String detail, Object... args) {
        return new RuleCheck(ruleIds, what == null ? format(detail, args) : what + ": " + format(detail, args));
    }

    private static String format(String text, Object... args) {
        return args.length == 0 ? text : String.format(text, args);
    }

    /** The catalogue ids these assertions check; empty for a {@link #precondition}. */
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
        assertion.as(toString());
        return assertion;
    }

    /** The description every assertion of this check carries: the ids, then what is checked. */
    @Override
    public String toString() {
        String ids = String.join("/", ruleIds);
        return ids.isEmpty() ? what : what == null ? ids : ids + ": " + what;
    }

    /**
     * A violation of these rules to throw where a check is not an assertion (an unexpected item in a read loop, a
     * deadline passed): {@code throw rule("GEN-RESP-1").violation("unexpected readable " + type)}. For a
     * precondition, a plain {@link AssertionError}.
     */
    public AssertionError violation(String message) {
        return failure(new AssertionError(message));
    }

    /** A violation of these rules caused by {@code cause} (an exception the implementation threw, say). */
    public AssertionError violation(String message, Throwable cause) {
        return failure(new AssertionError(message, cause));
    }

    /** Fails at once instead of collecting: the first failed assertion ends the test, blamed on these rules. */
    @Override
    public void collectAssertionError(AssertionError error) {
        // An inner check's violation (in a lambda given to satisfies, say) names the more specific rule: keep it.
        throw error instanceof RuleViolation ? error : failure(error);
    }

    /** A {@link RuleViolation} of these rules; for a precondition, a plain error led by what it checks. */
    private AssertionError failure(AssertionError error) {
        if (!ruleIds.isEmpty()) {
            return new RuleViolation(ruleIds, toString(), error);
        }
        String text = error.getMessage() == null ? "" : error.getMessage();
        return text.startsWith("[" + what + "]") ? error : new AssertionError(what + ": " + text, error);
    }
}
