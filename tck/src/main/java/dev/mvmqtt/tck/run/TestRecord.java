package dev.mvmqtt.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.target.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What the recorder kept about one test run: one template invocation (a test on one target), one jqwik
 * property, one plain test, or a container (a test class or template) that failed, aborted or was skipped
 * as a whole, so that no result is lost. Every free text in it has been through {@link Redactor}.
 *
 * @param testName       {@code class#method [display name]}, for people
 * @param className      the test class, or null when the source is not a class or method
 * @param methodName     the test method, or null for a class-level container
 * @param displayName    the JUnit display name (for a template invocation, the target's name)
 * @param uniqueId       the JUnit Platform unique id, stable between runs of the same plan
 * @param ids            the catalogue ids the test checks ({@code @Asserts}); for a container, those of all its tests
 * @param target         target id, for example {@code hivemq-v5-tls}; {@code device} for tests that need no broker
 * @param broker         broker family, or null when the test reached no broker (report entries say {@code none})
 * @param mqttVersion    MQTT version, or null when the test reached no broker
 * @param transport      transport, or null when the test reached no broker
 * @param provisioning   how the broker was provisioned, or null when the test reached no broker
 * @param brokerVersion  the broker's version as provisioned, or null when unknown
 * @param outcome        how it ended
 * @param reason         for SKIPPED and ABORTED: why; otherwise null
 * @param duration       how long it ran (zero when skipped)
 * @param message        for FAILED: the failure message (first lines, no stack trace); otherwise null
 * @param counterexample for a failed property: the (shrunk) sample jqwik reported; otherwise null
 * @param seed           for a property: the seed to replay it, when known; otherwise null
 * @param container      true when this records a whole container rather than one test
 * @param violatedIds    for FAILED: the catalogue ids the failure names as a value (the {@code RuleViolation} in its
 *                       cause chain, thrown by a {@code RuleCheck} assertion); empty when it names none
 */
@API(status = STABLE, since = "0.1")
public record TestRecord(
        String testName,
        String className,
        String methodName,
        String displayName,
        String uniqueId,
        List<String> ids,
        String target,
        BrokerFamily broker,
        MqttVersion mqttVersion,
        Transport transport,
        Provisioning provisioning,
        String brokerVersion,
        Outcome outcome,
        String reason,
        Duration duration,
        String message,
        String counterexample,
        String seed,
        boolean container,
        List<String> violatedIds) {

    /** The target of a test that published no target: it ran on the device alone. */
    public static final String DEVICE = "device";

    public TestRecord {
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(outcome, "outcome");
        ids = ids == null ? List.of() : List.copyOf(ids);
        target = target == null || target.isBlank() ? DEVICE : target;
        duration = duration == null ? Duration.ZERO : duration;
        violatedIds = violatedIds == null ? List.of() : List.copyOf(violatedIds);
    }

    /**
     * The catalogue ids a failure is blamed on. A test may check several rules; each assertion names the rule it
     * checks as a value ({@code RuleCheck.rule("WILL-UNEXP-1")}), and its failure carries the ids
     * ({@link #violatedIds()}), so only those of this test's ids failed and the others were not decided. A failure
     * that names no rule of the test (an infrastructure precondition such as "mvMqttRequestPublish must be OKAY", a
     * timeout in a shared helper, an exception) is blamed on every id of the test. The message text is never read
     * for ids. For any outcome but FAILED this is {@link #ids()}.
     */
    public List<String> blamedIds() {
        if (outcome != Outcome.FAILED) {
            return ids;
        }
        List<String> named = ids.stream().filter(violatedIds::contains).toList();
        return named.isEmpty() ? ids : named;
    }

    /** This record under another JUnit unique id. */
    public TestRecord withUniqueId(String newUniqueId) {
        return new TestRecord(
                testName,
                className,
                methodName,
                displayName,
                newUniqueId,
                ids,
                target,
                broker,
                mqttVersion,
                transport,
                provisioning,
                brokerVersion,
                outcome,
                reason,
                duration,
                message,
                counterexample,
                seed,
                container,
                violatedIds);
    }

    /** A short builder for tests and synthetic results. */
    public static Builder builder(String testName, Outcome outcome) {
        return new Builder(testName, outcome);
    }

    /** Builds a {@link TestRecord} field by field; unset fields take their defaults. */
    public static final class Builder {
        private final String testName;
        private final Outcome outcome;
        private String className;
        private String methodName;
        private String displayName;
        private String uniqueId;
        private List<String> ids = List.of();
        private String target = DEVICE;
        private BrokerFamily broker;
        private MqttVersion mqttVersion;
        private Transport transport;
        private Provisioning provisioning;
        private String brokerVersion;
        private String reason;
        private Duration duration = Duration.ZERO;
        private String message;
        private String counterexample;
        private String seed;
        private boolean container;
        private List<String> violatedIds = List.of();

        private Builder(String testName, Outcome outcome) {
            this.testName = testName;
            this.outcome = outcome;
        }

        public Builder className(String v) {
            className = v;
            return this;
        }

        public Builder methodName(String v) {
            methodName = v;
            return this;
        }

        public Builder displayName(String v) {
            displayName = v;
            return this;
        }

        public Builder uniqueId(String v) {
            uniqueId = v;
            return this;
        }

        public Builder ids(String... v) {
            ids = List.of(v);
            return this;
        }

        public Builder ids(List<String> v) {
            ids = v;
            return this;
        }

        public Builder target(String v) {
            target = v;
            return this;
        }

        public Builder broker(BrokerFamily v) {
            broker = v;
            return this;
        }

        public Builder mqttVersion(MqttVersion v) {
            mqttVersion = v;
            return this;
        }

        public Builder transport(Transport v) {
            transport = v;
            return this;
        }

        public Builder provisioning(Provisioning v) {
            provisioning = v;
            return this;
        }

        public Builder brokerVersion(String v) {
            brokerVersion = v;
            return this;
        }

        public Builder reason(String v) {
            reason = v;
            return this;
        }

        public Builder duration(Duration v) {
            duration = v;
            return this;
        }

        public Builder message(String v) {
            message = v;
            return this;
        }

        public Builder counterexample(String v) {
            counterexample = v;
            return this;
        }

        public Builder seed(String v) {
            seed = v;
            return this;
        }

        public Builder container(boolean v) {
            container = v;
            return this;
        }

        public Builder violatedIds(String... v) {
            violatedIds = List.of(v);
            return this;
        }

        /** Sets target, broker, version and transport from {@code targetId}, and how and which broker served it. */
        public Builder onTarget(TargetId targetId, Provisioning provisioningKind, String version) {
            target = targetId.id();
            broker = targetId.broker();
            mqttVersion = targetId.version();
            transport = targetId.transport();
            provisioning = provisioningKind;
            brokerVersion = version;
            return this;
        }

        public TestRecord build() {
            return new TestRecord(
                    testName,
                    className,
                    methodName,
                    displayName,
                    uniqueId,
                    ids,
                    target,
                    broker,
                    mqttVersion,
                    transport,
                    provisioning,
                    brokerVersion,
                    outcome,
                    reason,
                    duration,
                    message,
                    counterexample,
                    seed,
                    container,
                    violatedIds);
        }
    }
}
