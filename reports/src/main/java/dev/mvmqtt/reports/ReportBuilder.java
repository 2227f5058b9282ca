package dev.mvmqtt.reports;

import dev.mvmqtt.reports.ComplianceReport.CellStatus;
import dev.mvmqtt.reports.ComplianceReport.Evidence;
import dev.mvmqtt.reports.ComplianceReport.MatrixCell;
import dev.mvmqtt.reports.ComplianceReport.MatrixGroup;
import dev.mvmqtt.reports.ComplianceReport.MatrixRow;
import dev.mvmqtt.reports.ComplianceReport.Problem;
import dev.mvmqtt.reports.ComplianceReport.RuleFinding;
import dev.mvmqtt.reports.ComplianceReport.RuleStatus;
import dev.mvmqtt.reports.ComplianceReport.SkippedTarget;
import dev.mvmqtt.reports.ComplianceReport.TargetColumn;
import dev.mvmqtt.reports.ComplianceReport.Verdict;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.ProvenRules;
import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.Redactor;
import dev.mvmqtt.tck.run.TargetStatus;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.TckSettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Joins a {@link TckRunResult} with the catalogue into a {@link ComplianceReport}.
 *
 * <p>The verdict is {@code COMPLIANT} only when every {@code must} rule has at least one passing result and no failing
 * result on any target; a {@code must} rule with no result at all is a failure ("not checked"). A failing
 * {@code reference} rule is a deviation: under the strict profile (the default) it fails the verdict too, unless the
 * certifier waived it by name ({@link Waivers}); under the {@code must} profile reference rules do not run. A
 * selected target that could not
 * be used is listed with its reason; it does not fail the verdict by itself, but the rules only it could check then
 * have no result.
 */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    /** The report for this run, stamped now. */
    public static ComplianceReport build(TckRunResult result, List<RuleGroup> catalogue, KitInfo kit) {
        return build(result, catalogue, kit, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The report for this run, stamped {@code generatedAt}, with no waiver. */
    public static ComplianceReport build(TckRunResult result, List<RuleGroup> catalogue, KitInfo kit, Instant generatedAt) {
        return build(result, catalogue, kit, generatedAt, Waivers.none());
    }

    /** The report for this run, stamped now, with these deviations waived. */
    public static ComplianceReport build(TckRunResult result, List<RuleGroup> catalogue, KitInfo kit, Waivers waivers) {
        return build(result, catalogue, kit, Instant.now().truncatedTo(ChronoUnit.MILLIS), waivers);
    }

    /** The report for this run, stamped {@code generatedAt}, with these deviations waived. */
    public static ComplianceReport build(TckRunResult result, List<RuleGroup> catalogue, KitInfo kit, Instant generatedAt,
                                         Waivers waivers) {
        return build(result, catalogue, kit, generatedAt, waivers, List.of());
    }

    /**
     * The report for a run narrowed by {@code selection} (for example {@code --rules CHAN-BUF-1}; {@code catalogue}
     * then holds only the rules selected), stamped {@code generatedAt}, with these deviations waived.
     */
    public static ComplianceReport build(TckRunResult result, List<RuleGroup> catalogue, KitInfo kit, Instant generatedAt,
                                         Waivers waivers, List<String> selection) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        for (RuleGroup g : catalogue) {
            for (Rule r : g.rules()) {
                rules.put(r.id(), r);
                groupOf.put(r.id(), g.name());
            }
        }

        // Bucket the records by (rule, target); collect what belongs to no rule. A failed test is
        // evidence only for the rules its failure is blamed on (TestRecord.blamedIds): a test of
        // several rules that fails on one of them has not shown the others broken.
        Map<String, Map<String, List<TestRecord>>> byRule = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (TestRecord rec : result.records()) {
            List<String> unknown = new ArrayList<>();
            List<String> blamed = rec.blamedIds();
            for (String id : rec.ids()) {
                if (rules.containsKey(id) && !blamed.contains(id)) {
                    continue;
                }
                if (rules.containsKey(id)) {
                    byRule.computeIfAbsent(id, k -> new HashMap<>())
                            .computeIfAbsent(rec.target(), k -> new ArrayList<>()).add(rec);
                } else {
                    unknown.add(id);
                }
            }
            if (!unknown.isEmpty()) {
                problems.add(new Problem("UNKNOWN_ID", unknown, rec.target(), evidence(rec)));
            }
            if (rec.ids().isEmpty() && (rec.outcome() == Outcome.FAILED || rec.outcome() == Outcome.ABORTED)) {
                problems.add(new Problem("NO_IDS", List.of(), rec.target(), evidence(rec)));
            }
        }

        // Columns: selected targets, device, any other seen; those with a failure first.
        Set<String> columnIds = new LinkedHashSet<>();
        result.targets().forEach(t -> columnIds.add(t.target()));
        columnIds.add(TestRecord.DEVICE);
        result.records().forEach(r -> columnIds.add(r.target()));
        Set<String> selected = result.settings().targets().stream().map(t -> t.id()).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, TargetStatus> statusOf = new HashMap<>();
        result.targets().forEach(t -> statusOf.put(t.target(), t));
        List<TargetColumn> columns = new ArrayList<>();
        for (String id : columnIds) {
            List<TestRecord> on = result.records().stream().filter(r -> r.target().equals(id) && !r.container()).toList();
            TargetStatus st = statusOf.get(id);
            int passed = (int) on.stream().filter(r -> r.outcome() == Outcome.PASSED).count();
            int failed = (int) on.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
            int skipped = on.size() - passed - failed;
            if (st == null) {
                boolean ran = passed + failed > 0;
                columns.add(new TargetColumn(id, ran ? "AVAILABLE" : "NOT_RUN", ran ? null : "no test ran on this target",
                        "none", "none", "none", "none", null, selected.contains(id), passed, failed, skipped));
            } else {
                columns.add(new TargetColumn(id, st.availability().name(), st.reason(), st.broker(), st.mqttVersion(),
                        st.transport(), st.provisioning(), st.brokerVersion(), selected.contains(id), passed, failed, skipped));
            }
        }
        Set<String> failingColumns = new HashSet<>();
        for (Map<String, List<TestRecord>> perTarget : byRule.values()) {
            perTarget.forEach((t, recs) -> {
                if (recs.stream().anyMatch(r -> r.outcome() == Outcome.FAILED)) {
                    failingColumns.add(t);
                }
            });
        }
        List<TargetColumn> orderedColumns = new ArrayList<>(columns);
        orderedColumns.sort(Comparator.comparing((TargetColumn c) -> failingColumns.contains(c.id()) ? 0 : 1));

        // Which rules the kit has proven its tests catch (shipped in the TCK jar).
        Map<String, String> proven = ProvenRules.load();

        // Rows, groups, findings.
        List<MatrixGroup> groups = new ArrayList<>();
        List<RuleFinding> failures = new ArrayList<>();
        List<RuleFinding> deviations = new ArrayList<>();
        int mustRules = 0, mustPassed = 0, mustFailed = 0, mustNotChecked = 0;
        int referenceRules = 0, referencePassed = 0, deviationCount = 0, referenceNotChecked = 0;
        for (RuleGroup g : catalogue) {
            List<MatrixRow> rows = new ArrayList<>();
            for (Rule rule : g.rules()) {
                Map<String, List<TestRecord>> perTarget = byRule.getOrDefault(rule.id(), Map.of());
                List<MatrixCell> cells = new ArrayList<>();
                for (TargetColumn col : orderedColumns) {
                    cells.add(cell(rule.id(), col.id(), perTarget.getOrDefault(col.id(), List.of())));
                }
                boolean anyFail = cells.stream().anyMatch(c -> c.status() == CellStatus.FAIL);
                boolean anyPass = cells.stream().anyMatch(c -> c.status() == CellStatus.PASS);
                RuleStatus status = anyFail ? (rule.isMust() ? RuleStatus.FAIL : RuleStatus.DEVIATION)
                        : anyPass ? RuleStatus.PASS : RuleStatus.NOT_CHECKED;
                rows.add(new MatrixRow(rule.id(), rule.level(), rule.source(), rule.statement(), rule.mqttVersions(),
                        rule.calls(), rule.needsBroker(), status, cells, proven.containsKey(rule.id())));
                if (rule.isMust()) {
                    mustRules++;
                    switch (status) {
                        case PASS -> mustPassed++;
                        case FAIL -> mustFailed++;
                        default -> mustNotChecked++;
                    }
                } else {
                    referenceRules++;
                    switch (status) {
                        case PASS -> referencePassed++;
                        case DEVIATION -> deviationCount++;
                        default -> referenceNotChecked++;
                    }
                }
                if (status == RuleStatus.FAIL || status == RuleStatus.DEVIATION
                        || (status == RuleStatus.NOT_CHECKED && rule.isMust())) {
                    RuleFinding finding = finding(rule, g.name(), status, cells);
                    (status == RuleStatus.DEVIATION ? deviations : failures).add(finding);
                }
            }
            rows.sort(Comparator.comparingInt(ReportBuilder::rowRank));
            int failing = (int) rows.stream().filter(r -> rowRank(r) < 3).count();
            groups.add(new MatrixGroup(g.name(), g.title(), failing, rows));
        }
        groups.sort(Comparator.comparing((MatrixGroup mg) -> mg.failing() > 0 ? 0 : 1));
        failures.sort(Comparator.comparing((RuleFinding f) -> f.status() == RuleStatus.FAIL ? 0 : 1));

        List<SkippedTarget> skipped = new ArrayList<>();
        for (TargetColumn c : orderedColumns) {
            if (c.selected() && !c.status().equals("AVAILABLE")) {
                skipped.add(new SkippedTarget(c.id(), c.status(), c.reason()));
            }
        }

        List<TestRecord> tests = result.records().stream().filter(r -> !r.container()).toList();
        ComplianceReport.Summary summary = new ComplianceReport.Summary(
                rules.size(), mustRules, mustPassed, mustFailed, mustNotChecked,
                referenceRules, referencePassed, deviationCount, referenceNotChecked,
                tests.size(),
                count(tests, Outcome.PASSED), count(tests, Outcome.FAILED),
                count(tests, Outcome.SKIPPED), count(tests, Outcome.ABORTED),
                (int) result.records().stream().filter(TestRecord::container).count(),
                (int) orderedColumns.stream().filter(c -> c.status().equals("AVAILABLE")).count(),
                skipped.size());

        // Strict means strict: a deviation from the reference's decisions fails the verdict unless waived by name.
        boolean strict = result.settings().profile() == Profile.STRICT;
        List<String> unwaived = deviations.stream().map(RuleFinding::id).filter(id -> !waivers.waives(id)).toList();
        List<String> blocking = strict ? unwaived : List.of();
        Set<String> deviated = deviations.stream().map(RuleFinding::id).collect(Collectors.toSet());
        List<ComplianceReport.Waiver> waiverList = waivers.sortedIds().stream()
                .map(id -> new ComplianceReport.Waiver(id, Redactor.redact(waivers.by()),
                        Redactor.redact(waivers.reason()), deviated.contains(id))).toList();
        int waived = deviationCount - unwaived.size();

        Verdict verdict = mustFailed == 0 && mustNotChecked == 0 && blocking.isEmpty()
                ? Verdict.COMPLIANT : Verdict.NOT_COMPLIANT;
        String implementation = result.implementationName() + " " + result.implementationVersion();
        String deviationText = deviationCount == 0 ? ""
                : "; " + deviationCount + " deviation(s) from the reference"
                  + (waived == 0 ? "" : " (" + waived + " waived)")
                  + (blocking.isEmpty() ? "" : ", " + blocking.size() + " not waived, failing the strict profile: "
                     + String.join(", ", blocking));
        List<String> availableTargets = orderedColumns.stream().filter(c -> c.status().equals("AVAILABLE"))
                .map(TargetColumn::id).toList();
        String verdictText = verdict == Verdict.COMPLIANT
                ? implementation + " is compliant: all " + mustRules + " must rules pass on "
                  + (availableTargets.isEmpty() ? "no target" : String.join(", ", availableTargets))
                  + deviationText
                  + (skipped.isEmpty() ? "" : "; " + skipped.size() + " target(s) skipped")
                  + "."
                : implementation + " is not compliant: " + mustFailed + " must rule(s) failed, " + mustNotChecked
                  + " not checked (of " + mustRules + ")"
                  + deviationText
                  + (skipped.isEmpty() ? "" : "; " + skipped.size() + " target(s) skipped")
                  + ".";

        Map<String, String> brokers = new LinkedHashMap<>();
        for (TargetColumn c : orderedColumns) {
            if (c.status().equals("AVAILABLE") && !c.provisioning().equals("none")) {
                // "external external ...": an external target's family and provisioning are the same word
                String what = c.provisioning().equals(c.broker()) ? c.broker() : c.provisioning() + " " + c.broker();
                brokers.put(c.id(), what + (c.brokerVersion() == null ? "" : " " + c.brokerVersion())
                        + containerImage(c, result.settings()));
            }
        }
        ComplianceReport.Environment environment = new ComplianceReport.Environment(
                System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.runtime.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                BrokerPool.testcontainersDecision(result.settings()), brokers);

        TckSettings s = result.settings();
        ComplianceReport.Run run = new ComplianceReport.Run(result.started().truncatedTo(ChronoUnit.MILLIS).toString(),
                result.finished().truncatedTo(ChronoUnit.MILLIS).toString(),
                result.duration().toMillis(), s.profile().id(), s.provisioning().id(), s.timeoutFactor(),
                List.copyOf(selected), s.implementation().orElse(null), external(s.external()), List.copyOf(selection));
        if (!selection.isEmpty()) {
            verdictText = "Narrowed run (" + Redactor.redact(String.join(" ", selection)) + "), answering for "
                    + rules.size() + " rule(s) only: " + verdictText;
        }

        return new ComplianceReport(ComplianceReport.SCHEMA_VERSION, verdict, verdictText, generatedAt.toString(),
                new ComplianceReport.Implementation(result.implementationName(), result.implementationVersion(),
                        result.implementationClass()),
                new ComplianceReport.Kit(kit.version(), kit.checksum(), kit.checksumOf()),
                run, environment, summary, failures, deviations, skipped, orderedColumns, groups, problems, waiverList);
    }

    /** {@code , image NAME (id sha256:...)} for a target Testcontainers ran, else empty. */
    private static String containerImage(TargetColumn c, TckSettings settings) {
        if (!c.provisioning().equals(Provisioning.TESTCONTAINERS.id())) {
            return "";
        }
        for (BrokerFamily f : BrokerFamily.values()) {
            if (f.id().equals(c.broker())) {
                return BrokerPool.containerImage(f, settings).map(i -> ", image " + i).orElse("");
            }
        }
        return "";
    }

    private static Map<String, String> external(ExternalBroker e) {
        if (e == null || !e.isConfigured()) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", e.host().orElse(""));
        m.put("port", Integer.toString(e.port()));
        m.put("tlsPort", Integer.toString(e.tlsPort()));
        m.put("versions", e.versions().stream().map(MqttVersion::label).collect(Collectors.joining(",")));
        m.put("caCert", e.caCert().map(p -> p.getFileName().toString()).orElse("none"));
        m.put("credentials", e.username().isPresent() || e.password().isPresent() ? "set" : "none");
        return m;
    }

    private static int rowRank(MatrixRow r) {
        return switch (r.status()) {
            case FAIL -> 0;
            case NOT_CHECKED -> Rule.MUST.equalsIgnoreCase(r.level()) ? 1 : 4;
            case DEVIATION -> 2;
            case PASS -> r.cells().stream().anyMatch(c -> c.status() == CellStatus.FAIL) ? 2 : 3;
        };
    }

    private static int count(List<TestRecord> records, Outcome outcome) {
        return (int) records.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static MatrixCell cell(String ruleId, String target, List<TestRecord> records) {
        if (records.isEmpty()) {
            return new MatrixCell(target, CellStatus.NONE, null, List.of());
        }
        CellStatus status = records.stream().anyMatch(r -> r.outcome() == Outcome.FAILED) ? CellStatus.FAIL
                : records.stream().anyMatch(r -> r.outcome() == Outcome.PASSED) ? CellStatus.PASS : CellStatus.SKIP;
        List<Evidence> evidence = records.stream()
                .sorted(Comparator.comparingInt((TestRecord r) -> switch (r.outcome()) {
                    case FAILED -> 0;
                    case ABORTED -> 1;
                    case SKIPPED -> 2;
                    case PASSED -> 3;
                }).thenComparing(TestRecord::testName))
                .map(ReportBuilder::evidence).toList();
        return new MatrixCell(target, status, anchor(ruleId, target), evidence);
    }

    /** The evidence anchor of a (rule, target) cell: {@code ev-RULE-ID--target}, letters, digits, '-' and '_' only. */
    public static String anchor(String ruleId, String target) {
        return "ev-" + ruleId.replaceAll("[^A-Za-z0-9_-]", "_") + "--" + target.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static RuleFinding finding(Rule rule, String group, RuleStatus status, List<MatrixCell> cells) {
        List<String> failedOn = cells.stream().filter(c -> c.status() == CellStatus.FAIL).map(MatrixCell::target).toList();
        List<String> anchors = cells.stream().filter(c -> c.anchor() != null
                        && (status == RuleStatus.NOT_CHECKED ? c.status() != CellStatus.PASS : c.status() == CellStatus.FAIL))
                .map(MatrixCell::anchor).toList();
        String first;
        if (status == RuleStatus.NOT_CHECKED) {
            String skipReason = cells.stream().flatMap(c -> c.evidence().stream()).map(Evidence::reason)
                    .filter(r -> r != null && !r.isBlank()).findFirst().orElse(null);
            first = skipReason == null ? "not checked: no test of this rule ran"
                    : "not checked: every test of this rule was skipped or aborted (" + skipReason + ")";
        } else {
            first = cells.stream().filter(c -> c.status() == CellStatus.FAIL).flatMap(c -> c.evidence().stream())
                    .filter(e -> e.outcome().equals(Outcome.FAILED.name())).map(Evidence::message)
                    .filter(m -> m != null).findFirst().orElse("failed");
        }
        return new RuleFinding(rule.id(), group, rule.level(), rule.statement(), status, failedOn,
                Redactor.redact(first), anchors);
    }

    static Evidence evidence(TestRecord r) {
        return new Evidence(Redactor.redact(r.testName()), r.uniqueId(), r.outcome().name(), r.duration().toMillis(),
                Redactor.redact(r.reason()), Redactor.redact(r.message()), Redactor.redact(r.counterexample()), r.seed(),
                r.provisioning(), r.brokerVersion(), r.container());
    }
}
