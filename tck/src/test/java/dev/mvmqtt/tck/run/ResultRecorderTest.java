package dev.mvmqtt.tck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mvmqtt.tck.run.fixtures.BeforeAllFixture;
import dev.mvmqtt.tck.run.fixtures.DeviceFixture;
import dev.mvmqtt.tck.run.fixtures.PropertyFixture;
import dev.mvmqtt.tck.run.fixtures.TargetFixture;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the fake tests in {@code fixtures} through the Launcher with a {@link ResultRecorder} and checks what it kept. */
class ResultRecorderTest {
    @TempDir
    static Path tmp;

    private static List<TestRecord> records;

    @BeforeAll
    static void runFixtures() {
        ResultRecorder recorder = new ResultRecorder();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(
                                        selectClass(DeviceFixture.class),
                                        selectClass(TargetFixture.class),
                                        selectClass(PropertyFixture.class),
                                        selectClass(BeforeAllFixture.class))
                                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                                .configurationParameter(
                                        "jqwik.database",
                                        tmp.resolve("jqwik-database").toString())
                                .build(),
                        recorder);
        records = recorder.records();
    }

    private static TestRecord one(String methodName) {
        List<TestRecord> found = records.stream()
                .filter(r -> methodName.equals(r.methodName()) && !r.container())
                .toList();
        assertThat(found).as("records of %s in %s", methodName, records).hasSize(1);
        return found.get(0);
    }

    @Test
    void passingTestCarriesTheIdsOfItsMethod() {
        TestRecord r = one("passes");
        assertThat(r.ids()).containsExactly("FIX-PASS-1", "FIX-PASS-2");
        assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(r.className()).isEqualTo(DeviceFixture.class.getName());
        assertThat(r.testName()).isEqualTo("DeviceFixture#passes");
        assertThat(r.target()).isEqualTo("device");
        assertThat(r.provisioning()).as("none: a device test").isNull();
        assertThat(r.message()).isNull();
        assertThat(r.reason()).isNull();
    }

    @Test
    void methodWithoutAssertsFallsBackToTheClass() {
        assertThat(one("inheritsClassIds").ids()).containsExactly("FIX-CLASS-1");
    }

    @Test
    void failureKeepsTheMessageWithoutStackTraceAndRedactsCredentials() {
        TestRecord r = one("fails");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.ids()).containsExactly("FIX-FAIL-1");
        assertThat(r.message())
                .contains("broker refused the login")
                .contains("second line of the message")
                .contains("password=" + Redactor.MASK)
                .doesNotContain("hunter2")
                .doesNotContain("abc123")
                .doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
                .doesNotContain("\tat ")
                .doesNotContain("org.junit.jupiter.api.AssertionUtils");
    }

    @Test
    void disabledTestIsSkippedWithItsReason() {
        TestRecord r = one("skipped");
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.reason()).isEqualTo("not on this device");
        assertThat(r.ids()).containsExactly("FIX-SKIP-1");
        assertThat(r.duration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void abortedTestKeepsTheReason() {
        TestRecord r = one("aborted");
        assertThat(r.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(r.reason()).isEqualTo("target unavailable: mosquitto binary not found");
        assertThat(r.message()).isNull();
    }

    @Test
    void durationIsMeasured() {
        assertThat(one("slow").duration())
                .isGreaterThanOrEqualTo(Duration.ofMillis(80))
                .isLessThan(Duration.ofSeconds(30));
        assertThat(one("passes").duration()).isLessThan(one("slow").duration());
    }

    @Test
    void templateInvocationsTakeTheirTargetFromTheReportEntryAndTheIdsFromTheTemplateMethod() {
        List<TestRecord> invocations = records.stream()
                .filter(r -> "onEveryTarget".equals(r.methodName()) && !r.container())
                .toList();
        assertThat(invocations).hasSize(3);
        TestRecord hivemq = invocations.stream()
                .filter(r -> r.target().equals("hivemq-v5-tls"))
                .findFirst()
                .orElseThrow();
        assertThat(hivemq.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(hivemq.ids()).containsExactly("FIX-TARGET-1");
        assertThat(hivemq.broker()).isEqualTo(BrokerFamily.HIVEMQ);
        assertThat(hivemq.mqttVersion()).isEqualTo(MqttVersion.V5);
        assertThat(hivemq.transport()).isEqualTo(Transport.TLS);
        assertThat(hivemq.provisioning()).isEqualTo(Provisioning.EMBEDDED);
        assertThat(hivemq.brokerVersion()).isEqualTo("2025.5");
        assertThat(hivemq.testName()).isEqualTo("TargetFixture#onEveryTarget [hivemq-v5-tls]");

        TestRecord mosquitto = invocations.stream()
                .filter(r -> r.target().equals("mosquitto-v311-plain"))
                .findFirst()
                .orElseThrow();
        assertThat(mosquitto.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(mosquitto.ids()).containsExactly("FIX-TARGET-1");
        assertThat(mosquitto.mqttVersion()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(mosquitto.provisioning()).isEqualTo(Provisioning.NATIVE_BINARY);
        assertThat(mosquitto.brokerVersion()).isEqualTo("2.0.11");
        assertThat(mosquitto.message()).contains("no PUBACK from mosquitto-v311-plain");

        TestRecord unavailable = invocations.stream()
                .filter(r -> r.target().equals("mosquitto-v5-tls"))
                .findFirst()
                .orElseThrow();
        assertThat(unavailable.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(unavailable.reason()).contains("mosquitto binary not found on PATH");
        assertThat(unavailable.provisioning()).as("none: no broker served it").isNull();
        assertThat(unavailable.brokerVersion()).as("'none' in the entry").isNull();
        assertThat(unavailable.testName()).isEqualTo("TargetFixture#onEveryTarget [mosquitto-v5-tls]");
    }

    @Test
    void failedPropertyKeepsShrunkCounterexampleAndSeed() {
        TestRecord r = one("bufferSizeBelowLimit");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.ids()).containsExactly("FIX-PROP-1");
        assertThat(r.seed()).isEqualTo("42");
        assertThat(r.counterexample()).isEqualTo("arg0: 500");
        assertThat(r.message()).contains("bufferSizeBelowLimit");

        TestRecord holds = one("alwaysHolds");
        assertThat(holds.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(holds.counterexample()).isNull();
    }

    @Test
    void containerFailureIsRecordedWithTheIdsOfTheTestsItStopped() {
        List<TestRecord> containers = records.stream()
                .filter(r -> r.container() && BeforeAllFixture.class.getName().equals(r.className()))
                .toList();
        assertThat(containers).hasSize(1);
        TestRecord c = containers.get(0);
        assertThat(c.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(c.ids()).containsExactlyInAnyOrder("FIX-BA-1", "FIX-BA-2");
        assertThat(c.message())
                .contains("IllegalStateException")
                .contains("broker would not start")
                .contains("mqtts://admin:" + Redactor.MASK + "@127.0.0.1")
                .doesNotContain("s3cret");
        assertThat(c.testName()).isEqualTo("BeforeAllFixture");
    }

    @Test
    void successfulContainersAreNotRecorded() {
        assertThat(records.stream().filter(r -> r.container() && r.outcome() == Outcome.PASSED))
                .isEmpty();
    }

    @Test
    void noRecordAnywhereHoldsACredential() {
        for (TestRecord r : records) {
            assertThat(r.toString())
                    .doesNotContain("hunter2")
                    .doesNotContain("s3cret")
                    .doesNotContain("abc123");
        }
    }
}
