package dev.mvmqtt.reports;

import static dev.mvmqtt.reports.Runs.HIVEMQ;
import static dev.mvmqtt.reports.Runs.MOSQUITTO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.reports.ComplianceReport.CellStatus;
import dev.mvmqtt.reports.ComplianceReport.MatrixRow;
import dev.mvmqtt.reports.ComplianceReport.RuleFinding;
import dev.mvmqtt.reports.ComplianceReport.RuleStatus;
import dev.mvmqtt.reports.ComplianceReport.Verdict;
import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.run.Availability;
import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TargetSummary;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    private static MatrixRow row(ComplianceReport r, String id) {
        return r.matrix().stream()
                .flatMap(g -> g.rows().stream())
                .filter(x -> x.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static CellStatus cell(ComplianceReport r, String id, String target) {
        return row(r, id).cells().stream()
                .filter(c -> c.target().equals(target))
                .findFirst()
                .orElseThrow()
                .status();
    }

    @Test
    void everyMustRulePassingIsCompliant() {
        ComplianceReport r = Runs.report(Runs.allPassing());
        assertThat(r.verdict()).isEqualTo(Verdict.COMPLIANT);
        assertThat(r.failures()).isEmpty();
        assertThat(r.deviations()).isEmpty();
        assertThat(r.summary().mustRules()).isEqualTo(3);
        assertThat(r.summary().mustPassed()).isEqualTo(3);
        assertThat(r.summary().referencePassed()).isEqualTo(1);
        assertThat(r.verdictText()).startsWith("reference 0.1.0 is compliant").contains(HIVEMQ);
        assertThat(r.implementation().name()).isEqualTo("reference");
        assertThat(r.kit().version()).isEqualTo("0.1.0-test");
        assertThat(r.kit().checksum()).startsWith("sha256:");
        assertThat(r.generatedAt()).isEqualTo("2025-06-01T12:00:43Z");
        assertThat(r.run().durationMillis()).isEqualTo(42_000);
        assertThat(r.run().profile()).isEqualTo("strict");
        assertThat(r.environment().javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(r.environment().brokers()).containsEntry(HIVEMQ, "embedded hivemq 2025.5");
        assertThat(r.environment().testcontainers())
                .as("whether Testcontainers was used, and why")
                .matches("(used|not used|skipped|not available): .+");
        assertThat(cell(r, "CHAN-BUF-1", "device")).isEqualTo(CellStatus.PASS);
        assertThat(cell(r, "CHAN-BUF-1", HIVEMQ)).isEqualTo(CellStatus.NONE);
        assertThat(cell(r, "MQTT-PUB-1", HIVEMQ)).isEqualTo(CellStatus.PASS);
    }

    @Test
    void aFailingMustRuleMakesItNotCompliantAndIsNamedFirst() {
        List<TestRecord> records = new ArrayList<>(Runs.allPassing());
        records.add(Runs.on(HIVEMQ, "publishQos1Again", Outcome.FAILED, "MQTT-PUB-1")
                .message("expected payload [1, 2, 3] at the broker but got [1, 2]")
                .build());
        ComplianceReport r = Runs.report(records);

        assertThat(r.verdict()).isEqualTo(Verdict.NOT_COMPLIANT);
        assertThat(r.summary().mustFailed()).isEqualTo(1);
        assertThat(r.failures()).extracting(RuleFinding::id).containsExactly("MQTT-PUB-1");
        RuleFinding f = r.failures().get(0);
        assertThat(f.status()).isEqualTo(RuleStatus.FAIL);
        assertThat(f.targets()).containsExactly(HIVEMQ);
        assertThat(f.firstMessage()).contains("expected payload");
        assertThat(f.evidence()).containsExactly(ReportBuilder.anchor("MQTT-PUB-1", HIVEMQ));
        assertThat(cell(r, "MQTT-PUB-1", HIVEMQ)).isEqualTo(CellStatus.FAIL);
        // failing group and rule first; the failing column first
        assertThat(r.matrix().get(0).name()).isEqualTo("MQTT");
        assertThat(r.matrix().get(0).rows().get(0).id()).isEqualTo("MQTT-PUB-1");
        assertThat(r.targets().get(0).id()).isEqualTo(HIVEMQ);
        // the failed evidence comes before the passed one
        var evidence = row(r, "MQTT-PUB-1").cells().get(0).evidence();
        assertThat(evidence)
                .extracting(ComplianceReport.Evidence::outcome)
                .containsExactly(Outcome.FAILED, Outcome.PASSED);
        assertThat(r.verdictText()).contains("not compliant").contains("1 must rule(s) failed");
    }

    @Test
    void aTestOfSeveralRulesFailingOnOneBlamesOnlyThatOne() {
        List<TestRecord> records = new ArrayList<>(Runs.allPassing());
        records.add(Runs.on(HIVEMQ, "publishAndQos", Outcome.FAILED, "MQTT-PUB-1", "MQTT-QOS-9")
                .message("[MQTT-QOS-9: the QoS 2 publish is answered INVALIDPARAMETERS] expected 1 but was 0")
                .violatedIds("MQTT-QOS-9")
                .build());
        ComplianceReport r = Runs.report(records);

        assertThat(cell(r, "MQTT-QOS-9", HIVEMQ))
                .as("the rule the failure names as a value")
                .isEqualTo(CellStatus.FAIL);
        assertThat(cell(r, "MQTT-PUB-1", HIVEMQ))
                .as("a rule the failure does not name keeps its passing evidence")
                .isEqualTo(CellStatus.PASS);
        assertThat(r.failures()).isEmpty();
        assertThat(r.deviations()).extracting(RuleFinding::id).containsExactly("MQTT-QOS-9");
    }

    @Test
    void anIdOnlyInTheFailureMessageDecidesNothing() {
        List<TestRecord> records = new ArrayList<>(Runs.allPassing());
        records.add(Runs.on(HIVEMQ, "publishAndQos", Outcome.FAILED, "MQTT-PUB-1", "MQTT-QOS-9")
                .message("[MQTT-QOS-9: named in text only] expected 1 but was 0")
                .build());
        ComplianceReport r = Runs.report(records);

        assertThat(cell(r, "MQTT-PUB-1", HIVEMQ)).isEqualTo(CellStatus.FAIL);
        assertThat(cell(r, "MQTT-QOS-9", HIVEMQ)).isEqualTo(CellStatus.FAIL);
    }

    @Test
    void aFailureNamingNoRuleOfItsTestBlamesThemAll() {
        List<TestRecord> records = new ArrayList<>(Runs.allPassing());
        records.add(Runs.on(HIVEMQ, "publishAndQos", Outcome.FAILED, "MQTT-PUB-1", "MQTT-QOS-9")
                .message("no PUBLISHRESPONSE on the channel within PT10S")
                .build());
        ComplianceReport r = Runs.report(records);

        assertThat(cell(r, "MQTT-PUB-1", HIVEMQ)).isEqualTo(CellStatus.FAIL);
        assertThat(cell(r, "MQTT-QOS-9", HIVEMQ)).isEqualTo(CellStatus.FAIL);
    }

    @Test
    void aFailingReferenceRuleIsADeviationThatFailsTheStrictVerdict() {
        List<TestRecord> records = Runs.replace(
                Runs.allPassing(),
                "qos2Refused [" + HIVEMQ + "]",
                Runs.on(HIVEMQ, "qos2Refused", Outcome.FAILED, "MQTT-QOS-9")
                        .message("answered INVALIDPARAMETERS")
                        .build());
        ComplianceReport r = Runs.report(records);
        assertThat(r.run().profile()).isEqualTo("strict");
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_COMPLIANT);
        assertThat(r.failures()).isEmpty();
        assertThat(r.deviations()).extracting(RuleFinding::id).containsExactly("MQTT-QOS-9");
        assertThat(r.deviations().get(0).status()).isEqualTo(RuleStatus.DEVIATION);
        assertThat(r.deviations().get(0).firstMessage()).isEqualTo("answered INVALIDPARAMETERS");
        assertThat(r.summary().deviations()).isEqualTo(1);
        assertThat(r.summary().mustFailed()).isZero();
        assertThat(row(r, "MQTT-QOS-9").status()).isEqualTo(RuleStatus.DEVIATION);
        assertThat(r.verdictText())
                .contains("1 deviation(s)")
                .contains("not waived, failing the strict profile: MQTT-QOS-9");
        assertThat(r.waivers()).isEmpty();
    }

    @Test
    void aRuleIsMarkedProvenWhenTheTckJarListsItAsCaughtInABrokenImplementation() {
        ComplianceReport r = Runs.report(Runs.allPassing());
        // CHAN-BUF-1 is in the shipped proven-rules.txt (broken-misaligned-send-buffer); MQTT-PUB-1 is not a real rule
        assertThat(dev.mvmqtt.tck.ProvenRules.load()).containsKey("CHAN-BUF-1");
        assertThat(row(r, "CHAN-BUF-1").proven()).isTrue();
        assertThat(row(r, "MQTT-PUB-1").proven()).isFalse();
    }

    @Test
    void aDeviationWaivedByNameIsRecordedAndDoesNotFailTheVerdict() {
        List<TestRecord> records = Runs.replace(
                Runs.allPassing(),
                "qos2Refused [" + HIVEMQ + "]",
                Runs.on(HIVEMQ, "qos2Refused", Outcome.FAILED, "MQTT-QOS-9")
                        .message("answered INVALIDPARAMETERS")
                        .build());
        ComplianceReport r = ReportBuilder.build(
                Runs.run(records),
                Runs.catalogue(),
                Runs.KIT,
                Runs.T0.plusSeconds(43),
                new Waivers(Set.of("MQTT-QOS-9"), "ana", "our devices never publish at QoS 2"));
        assertThat(r.verdict()).isEqualTo(Verdict.COMPLIANT);
        assertThat(r.deviations()).extracting(RuleFinding::id).containsExactly("MQTT-QOS-9");
        assertThat(r.waivers())
                .containsExactly(
                        new ComplianceReport.Waiver("MQTT-QOS-9", "ana", "our devices never publish at QoS 2", true));
        assertThat(r.verdictText()).contains("1 deviation(s) from the reference (1 waived)");
    }

    @Test
    void aWaiverOfAnotherRuleDoesNotHideADeviation() {
        List<TestRecord> records = Runs.replace(
                Runs.allPassing(),
                "qos2Refused [" + HIVEMQ + "]",
                Runs.on(HIVEMQ, "qos2Refused", Outcome.FAILED, "MQTT-QOS-9")
                        .message("answered INVALIDPARAMETERS")
                        .build());
        ComplianceReport r = ReportBuilder.build(
                Runs.run(records),
                Runs.catalogue(),
                Runs.KIT,
                Runs.T0.plusSeconds(43),
                new Waivers(Set.of("OTHER-REF-1"), null, null));
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_COMPLIANT);
        assertThat(r.waivers()).containsExactly(new ComplianceReport.Waiver("OTHER-REF-1", null, null, false));
    }

    @Test
    void underTheMustProfileADeviationDoesNotFailTheVerdict() {
        List<TestRecord> records = Runs.replace(
                Runs.allPassing(),
                "qos2Refused [" + HIVEMQ + "]",
                Runs.on(HIVEMQ, "qos2Refused", Outcome.FAILED, "MQTT-QOS-9")
                        .message("answered INVALIDPARAMETERS")
                        .build());
        TckRunResult strict = Runs.run(records);
        TckRunResult must = new TckRunResult(
                strict.implementationName(),
                strict.implementationVersion(),
                strict.implementationClass(),
                strict.settings().toBuilder().profile(Profile.MUST).build(),
                strict.started(),
                strict.finished(),
                strict.records(),
                strict.targets(),
                strict.testcontainers());
        ComplianceReport r = ReportBuilder.build(must, Runs.catalogue(), Runs.KIT, Runs.T0.plusSeconds(43));
        assertThat(r.verdict()).isEqualTo(Verdict.COMPLIANT);
        assertThat(r.deviations()).extracting(RuleFinding::id).containsExactly("MQTT-QOS-9");
    }

    @Test
    void aMustRuleWithNoResultIsNotCheckedAndMakesTheVerdictIncompleteNotFailed() {
        List<TestRecord> records = Runs.allPassing().stream()
                .filter(x -> !x.ids().contains("CHAN-BUF-2"))
                .toList();
        ComplianceReport r = Runs.report(records);
        assertThat(r.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(r.verdictText())
                .startsWith("reference 0.1.0 is compliant on what could be checked: 2 of 3 must rules pass")
                .contains("none failed")
                .contains("1 could not be checked on these targets: CHAN-BUF-2 (no test of this rule ran)");
        assertThat(r.summary().mustNotChecked()).isEqualTo(1);
        RuleFinding f = r.failures().get(0);
        assertThat(f.id()).isEqualTo("CHAN-BUF-2");
        assertThat(f.status()).isEqualTo(RuleStatus.NOT_CHECKED);
        assertThat(f.targets()).isEmpty();
        assertThat(f.firstMessage()).isEqualTo("not checked: no test of this rule ran");
    }

    @Test
    void aMustRuleOnlyTriedOnAnUnavailableTargetIsNotChecked() {
        List<TestRecord> records = Runs.allPassing().stream()
                .filter(x -> !(x.ids().contains("MQTT-PUB-1") && x.outcome() == Outcome.PASSED))
                .toList();
        ComplianceReport r = Runs.report(records);
        assertThat(r.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(r.verdictText())
                .contains("MQTT-PUB-1 (every test of this rule was skipped or aborted (")
                .contains("mosquitto binary not found");
        assertThat(row(r, "MQTT-PUB-1").status()).isEqualTo(RuleStatus.NOT_CHECKED);
        assertThat(cell(r, "MQTT-PUB-1", MOSQUITTO)).isEqualTo(CellStatus.SKIP);
        assertThat(r.failures().get(0).firstMessage())
                .contains("skipped or aborted")
                .contains("mosquitto binary not found");
    }

    @Test
    void aFailureBesideAnUncheckedRuleIsNotCompliantNotIncomplete() {
        List<TestRecord> records = new ArrayList<>(Runs.allPassing().stream()
                .filter(x -> !x.ids().contains("CHAN-BUF-2"))
                .toList());
        records.add(Runs.on(HIVEMQ, "publishQos1Again", Outcome.FAILED, "MQTT-PUB-1")
                .message("expected 1 but was 0")
                .build());
        assertThat(Runs.report(records).verdict()).isEqualTo(Verdict.NOT_COMPLIANT);
    }

    @Test
    void noResultsAtAllIsNotCompliantWithEveryMustRuleNotChecked() {
        ComplianceReport r = Runs.report(List.of());
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_COMPLIANT);
        assertThat(r.summary().mustNotChecked()).isEqualTo(3);
        assertThat(r.failures()).hasSize(3).allMatch(f -> f.status() == RuleStatus.NOT_CHECKED);
        assertThat(r.skippedTargets())
                .extracting(ComplianceReport.SkippedTarget::target)
                .containsExactly(HIVEMQ, MOSQUITTO);
    }

    @Test
    void anUnavailableTargetIsListedWithItsReasonButDoesNotFailTheVerdict() {
        ComplianceReport r = Runs.report(Runs.allPassing());
        assertThat(r.skippedTargets()).hasSize(1);
        assertThat(r.skippedTargets().get(0).target()).isEqualTo(MOSQUITTO);
        assertThat(r.skippedTargets().get(0).status()).isEqualTo(Availability.UNAVAILABLE);
        assertThat(r.skippedTargets().get(0).reason()).contains("mosquitto binary not found on PATH");
        var column = r.targets().stream()
                .filter(c -> c.id().equals(MOSQUITTO))
                .findFirst()
                .orElseThrow();
        assertThat(column.status()).isEqualTo(Availability.UNAVAILABLE);
        assertThat(column.skipped()).isEqualTo(2);
        assertThat(cell(r, "MQTT-PUB-1", MOSQUITTO)).isEqualTo(CellStatus.SKIP);
        assertThat(r.summary().targetsSkipped()).isEqualTo(1);
        assertThat(r.verdict()).isEqualTo(Verdict.COMPLIANT);
        assertThat(r.verdictText()).contains("1 target(s) skipped");
    }

    @Test
    void aContainerFailureCountsAgainstItsRulesAndStrayResultsAreKept() {
        List<TestRecord> records = new ArrayList<>(Runs.allPassing());
        records.add(TestRecord.builder("ChannelTests", Outcome.FAILED)
                .container(true)
                .ids("CHAN-BUF-1", "CHAN-BUF-2")
                .message("java.lang.IllegalStateException: @BeforeAll failed")
                .build());
        records.add(TestRecord.builder("jqwik", Outcome.FAILED)
                .container(true)
                .message("engine crashed")
                .build());
        records.add(Runs.device("strayTest", Outcome.PASSED, "NOPE-1").build());
        ComplianceReport r = Runs.report(records);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_COMPLIANT);
        assertThat(r.failures()).extracting(RuleFinding::id).containsExactly("CHAN-BUF-1", "CHAN-BUF-2");
        assertThat(r.problems()).extracting(ComplianceReport.Problem::kind).containsExactly("NO_IDS", "UNKNOWN_ID");
        assertThat(r.problems().get(1).ids()).containsExactly("NOPE-1");
        assertThat(r.summary().containerProblems()).isEqualTo(2);
    }

    @Test
    void anExternalOnlyRunNamesItsBrokerByWhatTheKitLearnedAndAsksNoDocker() {
        String ext = "external-v5-plain";
        String learned = "at broker.example:1883 over MQTT 5 (the broker did not say its name or version)";
        List<TestRecord> records = List.of(Runs.device("publishQos1 [" + ext + "]", Outcome.PASSED, "MQTT-PUB-1")
                .onTarget(TargetId.parse(ext), Provisioning.EXTERNAL, learned)
                .build());
        TckSettings settings = TckSettings.builder()
                .implementation("reference")
                .targets(TargetId.parse(ext))
                .build();
        TckRunResult run = new TckRunResult(
                "reference",
                "0.1.0",
                "dev.mvmqtt.reference.ReferenceMicrovisorProvider",
                settings,
                Runs.T0,
                Runs.T0.plusSeconds(42),
                records,
                TargetSummary.of(List.of(ext), records),
                BrokerPool.testcontainersDecision(settings));
        ComplianceReport r = ReportBuilder.build(run, Runs.catalogue(), Runs.KIT, Runs.T0.plusSeconds(43));
        assertThat(r.environment().brokers()).containsEntry(ext, "external " + learned);
        assertThat(r.environment().testcontainers())
                .startsWith("not used: no selected target runs a broker on this machine");
    }

    @Test
    void theRunRecordsTheExternalBrokersTlsListenersWithoutTheKey() {
        ExternalBroker external = new ExternalBroker(
                        "broker.example", 1883, 8883, List.of(MqttVersion.V5), Path.of("/etc/kit/ca.pem"), null, null)
                .withExpiredTlsPort(8884)
                .withClientCertificate(Path.of("/etc/kit/client.pem"), Path.of("/etc/kit/client-key.pem"), 8885);
        assertThat(runExternal(external))
                .containsEntry("caCert", "ca.pem")
                .containsEntry("expiredTlsPort", "8884")
                .containsEntry("clientCert", "client.pem")
                .containsEntry("clientCertTlsPort", "8885")
                .doesNotContainValue("client-key.pem");
        assertThat(runExternal(external.withExpiredTlsPort(0).withClientCertificate(null, null, 0)))
                .containsEntry("expiredTlsPort", "none")
                .containsEntry("clientCert", "none")
                .containsEntry("clientCertTlsPort", "none");
    }

    /** The report's {@code run.external} of a run with no test on {@code external-v5-tls}. */
    private static Map<String, String> runExternal(ExternalBroker external) {
        TckSettings settings = TckSettings.builder()
                .implementation("reference")
                .targets(TargetId.parse("external-v5-tls"))
                .external(external)
                .build();
        TckRunResult run = new TckRunResult(
                "reference",
                "0.1.0",
                "dev.mvmqtt.reference.ReferenceMicrovisorProvider",
                settings,
                Runs.T0,
                Runs.T0.plusSeconds(42),
                List.of(),
                TargetSummary.of(List.of("external-v5-tls"), List.of()),
                BrokerPool.testcontainersDecision(settings));
        return ReportBuilder.build(run, Runs.catalogue(), Runs.KIT, Runs.T0.plusSeconds(43))
                .run()
                .external();
    }
}
