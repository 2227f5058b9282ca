package dev.mvmqtt.reports;

import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TargetSummary;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.target.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Synthetic runs and catalogues for the report tests: no TCK is run. */
final class Runs {
    static final String HIVEMQ = "hivemq-v5-tls";
    static final String MOSQUITTO = "mosquitto-v5-tls";
    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    static final KitInfo KIT = new KitInfo("0.1.0-test", "sha256:" + "ab".repeat(32), "jar mvmqtt-tck-0.1.0-test.jar");

    /** CHAN: two must rules needing no broker; MQTT: a must rule needing a broker and a reference rule. */
    static List<RuleGroup> catalogue() {
        return List.of(
                new RuleGroup(
                        "CHAN",
                        "Channels",
                        List.of(
                                new Rule(
                                        "CHAN-BUF-1",
                                        "The channel buffer must be 512-byte aligned.",
                                        "must",
                                        "header",
                                        List.of("3.1.1", "5"),
                                        List.of("mvOpenChannel"),
                                        false,
                                        null),
                                new Rule(
                                        "CHAN-BUF-2",
                                        "A channel buffer smaller than the minimum is refused.",
                                        "must",
                                        "guide",
                                        List.of("3.1.1", "5"),
                                        List.of("mvOpenChannel"),
                                        false,
                                        null))),
                new RuleGroup(
                        "MQTT",
                        "MQTT requests",
                        List.of(
                                new Rule(
                                        "MQTT-PUB-1",
                                        "A QoS 1 publish arrives at the broker byte-exact.",
                                        "must",
                                        "guide",
                                        List.of("3.1.1", "5"),
                                        List.of("mvMqttRequestPublish"),
                                        true,
                                        null),
                                new Rule(
                                        "MQTT-QOS-9",
                                        "QoS 2 is refused synchronously.",
                                        "reference",
                                        "reference",
                                        List.of("3.1.1", "5"),
                                        List.of("mvMqttRequestPublish"),
                                        true,
                                        "a reference decision"))));
    }

    /** The Testcontainers decision the fake runs recorded. */
    static final String TESTCONTAINERS = "not used: docker-free provisioning was asked for";

    static TestRecord.Builder device(String test, Outcome outcome, String... ids) {
        return TestRecord.builder(test, outcome)
                .ids(ids)
                .duration(Duration.ofMillis(12))
                .className("dev.mvmqtt.tck.tests.Fake")
                .methodName(test)
                .uniqueId("[engine:x]/[method:" + test + "]");
    }

    static TestRecord.Builder on(String target, String test, Outcome outcome, String... ids) {
        return device(test + " [" + target + "]", outcome, ids)
                .onTarget(
                        TargetId.parse(target),
                        Provisioning.EMBEDDED,
                        target.startsWith("hivemq") ? "2025.5" : "2.0.11");
    }

    /** Everything passes on device and hivemq-v5-tls; mosquitto-v5-tls is unavailable. */
    static List<TestRecord> allPassing() {
        List<TestRecord> r = new ArrayList<>();
        r.add(device("bufAligned", Outcome.PASSED, "CHAN-BUF-1").build());
        r.add(device("bufTooSmall", Outcome.PASSED, "CHAN-BUF-2").build());
        r.add(on(HIVEMQ, "publishQos1", Outcome.PASSED, "MQTT-PUB-1").build());
        r.add(on(HIVEMQ, "qos2Refused", Outcome.PASSED, "MQTT-QOS-9").build());
        r.add(unavailable("publishQos1", "MQTT-PUB-1"));
        r.add(unavailable("qos2Refused", "MQTT-QOS-9"));
        return r;
    }

    static TestRecord unavailable(String test, String... ids) {
        return device(test + " [" + MOSQUITTO + "]", Outcome.ABORTED, ids)
                .target(MOSQUITTO)
                .broker(BrokerFamily.MOSQUITTO)
                .mqttVersion(MqttVersion.V5)
                .transport(Transport.TLS)
                .reason("target mosquitto-v5-tls unavailable: mosquitto binary not found on PATH")
                .build();
    }

    static TckRunResult run(List<TestRecord> records) {
        TckSettings settings = TckSettings.builder()
                .implementation("reference")
                .targets(TargetId.parse(HIVEMQ), TargetId.parse(MOSQUITTO))
                .build();
        List<TargetSummary> targets = TargetSummary.of(List.of(HIVEMQ, MOSQUITTO), records);
        return new TckRunResult(
                "reference",
                "0.1.0",
                "dev.mvmqtt.reference.ReferenceMicrovisorProvider",
                settings,
                T0,
                T0.plusSeconds(42),
                records,
                targets,
                TESTCONTAINERS);
    }

    static ComplianceReport report(List<TestRecord> records) {
        return ReportBuilder.build(run(records), catalogue(), KIT, T0.plusSeconds(43));
    }

    static List<TestRecord> replace(List<TestRecord> records, String test, TestRecord with) {
        List<TestRecord> out = new ArrayList<>();
        for (TestRecord r : records) {
            out.add(r.testName().equals(test) ? with : r);
        }
        return out;
    }

    private Runs() {}
}
