package dev.mvmqtt.tck.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mvmqtt.spec.catalogue.Catalogue;
import dev.mvmqtt.spec.catalogue.Level;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.TckReportKeys;
import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.target.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs sample tests through a nested JUnit launcher and checks invocations, report entries, skips and aborts. */
class TargetExtensionTest {

    /** Not run by the build directly (nested class): run by {@link #run}. */
    static class Samples {
        @TargetTest
        void any(TckTarget target) {
            assertThat(target.port()).isEqualTo(target.broker().port(target.transport()));
        }

        @TargetTest(transport = Transport.TLS)
        void tlsOnly(TckTarget target) {
            assertThat(target.isTls()).isTrue();
        }

        @TargetTest(brokers = BrokerFamily.HIVEMQ)
        void hivemqOnly(TckTarget target) {
            throw new AssertionError("must not run: no HiveMQ target selected");
        }

        @TargetTest(versions = MqttVersion.V3_1_1, transport = Transport.PLAIN)
        @ReferenceRule
        void referenceByAnnotation(TckTarget target) {}

        @TargetTest(versions = MqttVersion.V3_1_1, transport = Transport.PLAIN)
        @Asserts("GEN-REF-1")
        void referenceByCatalogue(TckTarget target) {}

        @TargetTest(versions = MqttVersion.V3_1_1, transport = Transport.PLAIN)
        @Asserts({"GEN-REF-1", "GEN-REFUSED-1"})
        void mustAndReference(TckTarget target) {}

        @DeviceTest
        void device(TckSettings settings) {
            assertThat(settings).isSameAs(TckSettings.current());
        }

        @DeviceTest
        @ReferenceRule
        void deviceReference() {}
    }

    /** What a nested run did. */
    static final class Recorder implements TestExecutionListener {
        final Map<String, List<Map<String, String>>> entries = new ConcurrentHashMap<>();
        final Map<String, String> skipped = new ConcurrentHashMap<>();
        final Map<String, TestExecutionResult> finished = new ConcurrentHashMap<>();

        private static String name(TestIdentifier id) {
            String method = id.getSource()
                    .filter(MethodSource.class::isInstance)
                    .map(s -> ((MethodSource) s).getMethodName())
                    .orElse(id.getDisplayName());
            return id.isTest() ? method + id.getDisplayName().replaceAll("^[^\\[]*", "") : method;
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            entries.computeIfAbsent(name(id), k -> new ArrayList<>()).add(entry.getKeyValuePairs());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            skipped.put(name(id), reason);
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                finished.put(name(id), result);
            }
        }
    }

    private static Recorder run(TckSettings settings) {
        Recorder recorder = new Recorder();
        TckSettings.runWith(settings, () -> {
            try (LauncherSession session = LauncherFactory.openSession()) {
                session.getLauncher()
                        .execute(
                                LauncherDiscoveryRequestBuilder.request()
                                        .selectors(selectClass(Samples.class))
                                        .build(),
                                recorder);
            }
        });
        return recorder;
    }

    private static final TckSettings SETTINGS = TckSettings.builder()
            .provisioning(ProvisioningMode.DOCKER_FREE)
            .targets(
                    TargetId.parse("mosquitto-v311-plain"),
                    TargetId.parse("mosquitto-v5-tls"),
                    TargetId.parse("external-v5-plain"))
            .build();

    @Test
    void oneInvocationPerMatchingTargetWithItsReportEntry() {
        BrokerPool before = BrokerPool.shared();
        Recorder r = run(SETTINGS);

        assertThat(r.finished.keySet())
                .contains(
                        "any[mosquitto-v311-plain]",
                        "any[mosquitto-v5-tls]",
                        "any[external-v5-plain]",
                        "tlsOnly[mosquitto-v5-tls]");
        assertThat(r.finished.keySet()).noneMatch(k -> k.startsWith("tlsOnly[mosquitto-v311"));
        assertThat(r.finished.get("any[mosquitto-v311-plain]").getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(r.finished.get("any[mosquitto-v5-tls]").getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(r.finished.get("tlsOnly[mosquitto-v5-tls]").getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);

        Map<String, String> entry = r.entries.get("any[mosquitto-v5-tls]").get(0);
        assertThat(entry.keySet())
                .containsExactlyInAnyOrder(
                        TckReportKeys.TARGET,
                        TckReportKeys.BROKER,
                        TckReportKeys.MQTT_VERSION,
                        TckReportKeys.TRANSPORT,
                        TckReportKeys.PROVISIONING,
                        TckReportKeys.BROKER_VERSION,
                        TckReportKeys.SEED);
        assertThat(entry)
                .containsEntry(TckReportKeys.TARGET, "mosquitto-v5-tls")
                .containsEntry(TckReportKeys.BROKER, "mosquitto")
                .containsEntry(TckReportKeys.MQTT_VERSION, "5")
                .containsEntry(TckReportKeys.TRANSPORT, "tls")
                .containsEntry(TckReportKeys.PROVISIONING, "native-binary")
                .containsEntry(TckReportKeys.SEED, "none");
        assertThat(entry.get(TckReportKeys.BROKER_VERSION)).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(r.entries.get("any[mosquitto-v311-plain]").get(0))
                .containsEntry(TckReportKeys.MQTT_VERSION, "3.1.1");

        // the nested session reused the outer run's pool instead of closing it
        assertThat(BrokerPool.shared()).isSameAs(before);
        assertThat(before.isClosed()).isFalse();
    }

    @Test
    void unavailableTargetIsAbortedWithItsReasonAfterPublishingItsEntry() {
        Recorder r = run(SETTINGS);
        TestExecutionResult result = r.finished.get("any[external-v5-plain]");
        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(result.getThrowable().orElseThrow().getMessage())
                .contains("external-v5-plain unavailable")
                .contains("mvmqtt.external.host");
        assertThat(r.entries.get("any[external-v5-plain]").get(0))
                .containsEntry(TckReportKeys.TARGET, "external-v5-plain")
                .containsEntry(TckReportKeys.BROKER, "external")
                .containsEntry(TckReportKeys.PROVISIONING, "external")
                .containsEntry(TckReportKeys.BROKER_VERSION, "none");
    }

    @Test
    void noMatchingTargetSkipsWithAReason() {
        Recorder r = run(SETTINGS);
        assertThat(r.skipped.get("hivemqOnly"))
                .contains("no selected target matches")
                .contains("HIVEMQ")
                .contains("mosquitto-v311-plain");
        assertThat(r.finished.keySet()).noneMatch(k -> k.startsWith("hivemqOnly"));
    }

    @Test
    void deviceTestPublishesTheDeviceEntry() {
        Recorder r = run(SETTINGS);
        assertThat(r.finished.get("device[]") != null ? r.finished.get("device[]") : r.finished.get("device"))
                .isNotNull();
        Map<String, String> entry = r.entries.entrySet().stream()
                .filter(e -> e.getKey().startsWith("device"))
                .findFirst()
                .orElseThrow()
                .getValue()
                .get(0);
        assertThat(entry).containsEntry(TckReportKeys.TARGET, "device");
        assertThat(entry.values()).containsOnly("device", "none");
        assertThat(entry).hasSize(7);
    }

    @Test
    void mustProfileSkipsReferenceRules() {
        assumeTrue(
                Catalogue.load()
                                .byId("GEN-REF-1")
                                .map(a -> a.level() == Level.REFERENCE)
                                .orElse(false)
                        && Catalogue.load()
                                .byId("GEN-REFUSED-1")
                                .map(a -> a.level() == Level.MUST)
                                .orElse(false),
                "catalogue ids used by the samples changed");
        Recorder must = run(SETTINGS.toBuilder().profile(Profile.MUST).build());
        assertThat(must.skipped.get("referenceByAnnotation")).isEqualTo("profile must: reference rule not checked");
        assertThat(must.skipped.get("referenceByCatalogue")).isEqualTo("profile must: reference rule not checked");
        assertThat(must.skipped.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).startsWith("deviceReference");
            assertThat(e.getValue()).isEqualTo("profile must: reference rule not checked");
        });
        assertThat(must.finished.get("mustAndReference[mosquitto-v311-plain]").getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);

        Recorder strict = run(SETTINGS);
        Set<String> ran = new HashSet<>(strict.finished.keySet());
        assertThat(ran)
                .contains(
                        "referenceByAnnotation[mosquitto-v311-plain]",
                        "referenceByCatalogue[mosquitto-v311-plain]",
                        "mustAndReference[mosquitto-v311-plain]");
        assertThat(ran).anyMatch(k -> k.startsWith("deviceReference"));
    }

    @TargetTest(brokers = BrokerFamily.MOSQUITTO, versions = MqttVersion.V3_1_1, transport = Transport.PLAIN)
    void uniqueNamesAreStablePerInvocationAndShort(TckTarget target) {
        assertThat(target.uniqueTopic("a/b"))
                .isEqualTo(target.uniqueTopic("a/b"))
                .endsWith("/a/b")
                .startsWith("mvmqtt-tck/");
        assertThat(target.uniqueTopic("a")).isNotEqualTo(target.uniqueTopic("b"));
        String id = target.uniqueClientId("a-very-long-device-name-for-testing");
        assertThat(id).hasSizeLessThanOrEqualTo(23).matches("[0-9a-z]+").startsWith("averylong");
        assertThat(target.uniqueClientId("a-very-long-device-name-for-testing")).isEqualTo(id);
        assertThat(target.uniqueClientId("device1")).isNotEqualTo(target.uniqueClientId("device-1"));
        assertThat(target.timeout(Duration.ofSeconds(1)))
                .isEqualTo(target.settings().timeout(Duration.ofSeconds(1)));
        assertThat(target.quietWindow()).isPositive();
    }

    @TargetTest(brokers = BrokerFamily.MOSQUITTO, versions = MqttVersion.V3_1_1, transport = Transport.PLAIN)
    void anotherInvocationGetsOtherNames(TckTarget target) {
        TckTarget other = new TckTarget(target.id(), target.broker(), target.settings());
        assertThat(other.uniqueTopic("t")).isNotEqualTo(target.uniqueTopic("t"));
        assertThat(other.uniqueClientId("c")).isNotEqualTo(target.uniqueClientId("c"));
    }
}
