package dev.mvmqtt.tck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvmqtt.spec.api.MicrovisorProvider;
import dev.mvmqtt.tck.run.fixtures.DeviceFixture;
import dev.mvmqtt.tck.run.fixtures.FixtureProvider;
import dev.mvmqtt.tck.run.fixtures.TargetFixture;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs fixture classes through {@link TckRunner} with a provider registered through a class loader of its own. */
class TckRunnerTest {
    @TempDir
    Path tmp;

    private ClassLoader withFixtureProvider() throws Exception {
        Path services = tmp.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(MicrovisorProvider.class.getName()), FixtureProvider.class.getName() + "\n");
        return new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void runsWithSettingsInstalledAndReportsProgressAndTargets() throws Exception {
        TckSettings settings = TckSettings.builder()
                .implementation("fixture")
                .profile(Profile.MUST)
                .targets(
                        TargetId.parse("hivemq-v5-tls"),
                        TargetId.parse("mosquitto-v311-plain"),
                        TargetId.parse("mosquitto-v5-tls"),
                        TargetId.parse("hivemq-v311-plain"))
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        TckRunResult result;
        try {
            Thread.currentThread().setContextClassLoader(withFixtureProvider());
            result = TckRunner.builder(settings)
                    .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                    .testClass(DeviceFixture.class.getName())
                    .testClass(TargetFixture.class.getName())
                    .configuration("jqwik.database", tmp.resolve("jqwik-db").toString())
                    .build()
                    .run();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        String progress = bytes.toString(StandardCharsets.UTF_8);

        assertThat(DeviceFixture.seen).isEqualTo(settings);
        assertThat(TckSettings.current()).isEqualTo(TckSettings.fromSystemProperties());
        assertThat(result.implementationName()).isEqualTo("fixture");
        assertThat(result.implementationVersion()).isEqualTo("9.9.9-test");
        assertThat(result.implementationClass()).isEqualTo(FixtureProvider.class.getName());
        assertThat(result.settings()).isEqualTo(settings);
        assertThat(result.finished()).isAfterOrEqualTo(result.started());
        assertThat(result.records())
                .extracting(TestRecord::methodName)
                .contains("passes", "fails", "skipped", "aborted", "slow", "onEveryTarget");

        assertThat(result.targets())
                .extracting(TargetSummary::target)
                .containsExactly(
                        "hivemq-v5-tls", "mosquitto-v311-plain", "mosquitto-v5-tls", "hivemq-v311-plain", "device");
        TargetSummary hivemq = result.target("hivemq-v5-tls").orElseThrow();
        assertThat(hivemq.availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(hivemq.provisioning()).isEqualTo(Provisioning.EMBEDDED);
        assertThat(hivemq.brokerVersion()).isEqualTo("2025.5");
        TargetSummary mosquittoTls = result.target("mosquitto-v5-tls").orElseThrow();
        assertThat(mosquittoTls.availability()).isEqualTo(Availability.UNAVAILABLE);
        assertThat(mosquittoTls.reason()).contains("mosquitto binary not found on PATH");
        TargetSummary notRun = result.target("hivemq-v311-plain").orElseThrow();
        assertThat(notRun.availability()).isEqualTo(Availability.NOT_RUN);
        assertThat(notRun.broker()).isEqualTo(BrokerFamily.HIVEMQ);
        assertThat(notRun.mqttVersion()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(result.target("device").orElseThrow().available()).isTrue();

        assertThat(progress)
                .contains("Certifying fixture 9.9.9-test")
                .contains("Running 4 target(s), 4 at a time")
                .contains("[mosquitto-v5-tls] mosquitto binary not found on PATH\n")
                .contains("[hivemq-v5-tls] started (hivemq 2025.5, MQTT 5, tls, embedded)")
                .contains(
                        "[mosquitto-v311-plain] FAILED TargetFixture#onEveryTarget [mosquitto-v311-plain] [FIX-TARGET-1]")
                .containsPattern("\\[hivemq-v311-plain\\] finished in [0-9.]+ s: no test ran\n")
                .containsPattern(
                        "\\[device tests and properties\\] finished in [0-9.]+ s: 4/9 passed, 2 failed, 1 skipped, 2 aborted\n")
                .containsPattern("TCK run finished in [0-9.]+ s: 4/9 passed, 2 failed, 1 skipped, 2 aborted\n")
                .contains("[mosquitto-v5-tls] unavailable: mosquitto binary not found on PATH")
                .contains("[hivemq-v311-plain] not run: no test ran on this target")
                .doesNotContain("hunter2");
    }

    @Test
    void anUnknownImplementationIsRefusedBeforeAnythingRuns() {
        TckSettings settings =
                TckSettings.builder().implementation("no-such-implementation").build();
        assertThatThrownBy(() -> TckRunner.builder(settings)
                        .testClass(DeviceFixture.class.getName())
                        .build()
                        .run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-implementation");
    }

    @Test
    void targetSummariesFromRecordsAloneFollowTheRules() {
        List<TargetSummary> statuses = TargetSummary.of(
                List.of("external-v5-plain"),
                List.of(
                        TestRecord.builder("a", Outcome.ABORTED)
                                .target("external-v5-plain")
                                .reason("no host configured")
                                .build(),
                        TestRecord.builder("b", Outcome.ABORTED)
                                .target("external-v5-plain")
                                .reason("no host configured")
                                .build(),
                        TestRecord.builder("c", Outcome.ABORTED)
                                .target("external-v5-plain")
                                .reason("other")
                                .build(),
                        TestRecord.builder("d", Outcome.SKIPPED)
                                .target("device")
                                .reason("profile must")
                                .build()));
        assertThat(statuses).hasSize(2);
        assertThat(statuses.get(0).availability()).isEqualTo(Availability.UNAVAILABLE);
        assertThat(statuses.get(0).reason()).isEqualTo("no host configured");
        assertThat(statuses.get(0).broker()).isEqualTo(BrokerFamily.EXTERNAL);
        assertThat(statuses.get(1).availability()).isEqualTo(Availability.NOT_RUN);
        assertThat(statuses.get(1).reason()).contains("profile must");
    }
}
