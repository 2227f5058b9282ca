package dev.mvmqtt.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

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
import dev.mvmqtt.tck.ProvenRules;
import dev.mvmqtt.tck.run.Availability;
import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.Redactor;
import dev.mvmqtt.tck.run.TargetSummary;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.TargetId;
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
import org.apiguardian.api.API;

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
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportBuilder {
    private ReportBuilder() {}

    /** The report for this run, stamped now. */
    public static ComplianceReport build(TckRunResult result, List<RuleGroup> catalogue, KitInfo kit) {
        return build(result, catalogue, kit, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The report for this run, stamped {@code generatedAt}, with no waiver. */
    public static ComplianceReport build(
            TckRunResult result, List<RuleGroup> catalogue, KitInfo kit, Instant generatedAt) {
        return build(result, catalogue, kit, generatedAt, Waivers.none());
    }

    /** The report for this run, stamped now, with these deviations waived. */
    public static ComplianceReport build(TckRunResult result, List<RuleGroup> catalogue, KitInfo kit, Waivers waivers) {
        return build(result, catalogue, kit, Instant.now().truncatedTo(ChronoUnit.MILLIS), waivers);
    }

    /** The report for this run, stamped {@code generatedAt}, with these deviations waived. */
    public static ComplianceReport build(
            TckRunResult result, List<RuleGroup> catalogue, KitInfo kit, Instant generatedAt, Waivers waivers) {
        return build(result, catalogue, kit, generatedAt, waivers, List.of());
    }

    /**
     * The report for a run narrowed by {@code selection} (for example {@code --rules CHAN-BUF-1}; {@code catalogue}
     * then holds only the rules selected), stamped {@code generatedAt}, with these deviations waived.
     */
    public static ComplianceReport build(
            TckRunResult result,
            List<RuleGroup> catalogue,
            KitInfo kit,
            Instant generatedAt,
            Waivers waivers,
            List<String> selection) {
        Map<String, Rule> rules = index(catalogue);
        List<Problem> problems = new ArrayList<>();
        Map<String, Map<String, List<TestRecord>>> byRule = bucketByRuleAndTarget(result.records(), rules, problems);
        List<TargetColumn> columns = columns(result, byRule);
        Matrix matrix = matrix(catalogue, byRule, columns);
        List<SkippedTarget> skipped = skippedTargets(columns);
        ComplianceReport.Summary summary = summary(result, rules.size(), matrix.tally(), columns, skipped);
        Deviations deviations = deviations(result, matrix.deviations(), waivers);
        Verdict verdict = verdict(
                matrix.tally().mustFailed(),
                matrix.tally().mustNotChecked(),
                matrix.tally().mustPassed(),
                deviations.blocking());
        String verdictText = verdictText(
                result,
                verdict,
                matrix.tally(),
                deviations,
                columns,
                skipped,
                rules.size(),
                selection,
                matrix.failures());
        return new ComplianceReport(
                ComplianceReport.SCHEMA_VERSION,
                verdict,
                verdictText,
                generatedAt.toString(),
                new ComplianceReport.Implementation(
                        result.implementationName(), result.implementationVersion(), result.implementationClass()),
                new ComplianceReport.Kit(kit.version(), kit.checksum(), kit.checksumOf()),
                run(result, selection),
                environment(result, columns),
                summary,
                matrix.failures(),
                matrix.deviations(),
                skipped,
                columns,
                matrix.groups(),
                problems,
                deviations.waivers());
    }

    /** The catalogue's rules by id, in catalogue order. */
    private static Map<String, Rule> index(List<RuleGroup> catalogue) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (RuleGroup g : catalogue) {
            for (Rule r : g.rules()) {
                rules.put(r.id(), r);
            }
        }
        return rules;
    }

    /**
     * The records by (rule, target); what belongs to no rule goes to {@code problems}. A failed test is evidence only
     * for the rules its failure is blamed on (TestRecord.blamedIds): a test of several rules that fails on one of them
     * has not shown the others broken.
     */
    private static Map<String, Map<String, List<TestRecord>>> bucketByRuleAndTarget(
            List<TestRecord> records, Map<String, Rule> rules, List<Problem> problems) {
        Map<String, Map<String, List<TestRecord>>> byRule = new HashMap<>();
        for (TestRecord rec : records) {
            List<String> unknown = new ArrayList<>();
            List<String> blamed = rec.blamedIds();
            for (String id : rec.ids()) {
                if (rules.containsKey(id) && !blamed.contains(id)) {
                    continue;
                }
                if (rules.containsKey(id)) {
                    byRule.computeIfAbsent(id, k -> new HashMap<>())
                            .computeIfAbsent(rec.target(), k -> new ArrayList<>())
                            .add(rec);
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
        return byRule;
    }

    /**
     * The matrix's columns: the run's targets (selected, device, any other seen) as the run summarised them, those
     * with a failure first.
     */
    private static List<TargetColumn> columns(TckRunResult result, Map<String, Map<String, List<TestRecord>>> byRule) {
        Set<String> columnIds = new LinkedHashSet<>();
        result.targets().forEach(t -> columnIds.add(t.target()));
        columnIds.add(TestRecord.DEVICE);
        result.records().forEach(r -> columnIds.add(r.target()));
        Set<String> selected = selectedTargets(result);
        List<TargetColumn> columns = new ArrayList<>();
        for (String id : columnIds) {
            List<TestRecord> on =
                    result.records().stream().filter(r -> r.target().equals(id)).toList();
            TargetSummary st = result.target(id).orElseGet(() -> TargetSummary.of(id, on));
            List<TestRecord> tests = on.stream().filter(r -> !r.container()).toList();
            int passed = count(tests, Outcome.PASSED);
            int failed = count(tests, Outcome.FAILED);
            columns.add(new TargetColumn(
                    id,
                    st.availability(),
                    st.reason(),
                    TargetSummary.text(st.broker()),
                    TargetSummary.text(st.mqttVersion()),
                    TargetSummary.text(st.transport()),
                    TargetSummary.text(st.provisioning()),
                    st.brokerVersion(),
                    selected.contains(id),
                    passed,
                    failed,
                    tests.size() - passed - failed));
        }
        Set<String> failingColumns = new HashSet<>();
        for (Map<String, List<TestRecord>> perTarget : byRule.values()) {
            perTarget.forEach((t, recs) -> {
                if (recs.stream().anyMatch(r -> r.outcome() == Outcome.FAILED)) {
                    failingColumns.add(t);
                }
            });
        }
        columns.sort(Comparator.comparing((TargetColumn c) -> failingColumns.contains(c.id()) ? 0 : 1));
        return columns;
    }

    private static Set<String> selectedTargets(TckRunResult result) {
        return result.settings().targets().stream()
                .map(TargetId::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** How many rules of each level ended how. */
    private record Tally(
            int mustRules,
            int mustPassed,
            int mustFailed,
            int mustNotChecked,
            int referenceRules,
            int referencePassed,
            int deviations,
            int referenceNotChecked) {

        Tally add(Rule rule, RuleStatus status) {
            if (rule.isMust()) {
                return new Tally(
                        mustRules + 1,
                        mustPassed + (status == RuleStatus.PASS ? 1 : 0),
                        mustFailed + (status == RuleStatus.FAIL ? 1 : 0),
                        mustNotChecked + (status != RuleStatus.PASS && status != RuleStatus.FAIL ? 1 : 0),
                        referenceRules,
                        referencePassed,
                        deviations,
                        referenceNotChecked);
            }
            return new Tally(
                    mustRules,
                    mustPassed,
                    mustFailed,
                    mustNotChecked,
                    referenceRules + 1,
                    referencePassed + (status == RuleStatus.PASS ? 1 : 0),
                    deviations + (status == RuleStatus.DEVIATION ? 1 : 0),
                    referenceNotChecked + (status != RuleStatus.PASS && status != RuleStatus.DEVIATION ? 1 : 0));
        }
    }

    /** The rule-by-target matrix and what it finds. */
    private record Matrix(
            List<MatrixGroup> groups, List<RuleFinding> failures, List<RuleFinding> deviations, Tally tally) {}

    /** One row per rule, grouped as the catalogue groups them; failing rows and groups first. */
    private static Matrix matrix(
            List<RuleGroup> catalogue, Map<String, Map<String, List<TestRecord>>> byRule, List<TargetColumn> columns) {
        // Which rules the kit has proven its tests catch (shipped in the TCK jar).
        Map<String, String> proven = ProvenRules.load();
        List<MatrixGroup> groups = new ArrayList<>();
        List<RuleFinding> failures = new ArrayList<>();
        List<RuleFinding> deviations = new ArrayList<>();
        Tally tally = new Tally(0, 0, 0, 0, 0, 0, 0, 0);
        for (RuleGroup g : catalogue) {
            List<MatrixRow> rows = new ArrayList<>();
            for (Rule rule : g.rules()) {
                Map<String, List<TestRecord>> perTarget = byRule.getOrDefault(rule.id(), Map.of());
                List<MatrixCell> cells = new ArrayList<>();
                for (TargetColumn col : columns) {
                    cells.add(cell(rule.id(), col.id(), perTarget.getOrDefault(col.id(), List.of())));
                }
                RuleStatus status = ruleStatus(rule, cells);
                rows.add(new MatrixRow(
                        rule.id(),
                        rule.level(),
                        rule.source(),
                        rule.statement(),
                        rule.mqttVersions(),
                        rule.calls(),
                        rule.needsBroker(),
                        status,
                        cells,
                        proven.containsKey(rule.id())));
                tally = tally.add(rule, status);
                if (status == RuleStatus.FAIL
                        || status == RuleStatus.DEVIATION
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
        return new Matrix(groups, failures, deviations, tally);
    }

    private static RuleStatus ruleStatus(Rule rule, List<MatrixCell> cells) {
        boolean anyFail = cells.stream().anyMatch(c -> c.status() == CellStatus.FAIL);
        boolean anyPass = cells.stream().anyMatch(c -> c.status() == CellStatus.PASS);
        return anyFail
                ? (rule.isMust() ? RuleStatus.FAIL : RuleStatus.DEVIATION)
                : anyPass ? RuleStatus.PASS : RuleStatus.NOT_CHECKED;
    }

    /** The selected targets that could not be used. */
    private static List<SkippedTarget> skippedTargets(List<TargetColumn> columns) {
        List<SkippedTarget> skipped = new ArrayList<>();
        for (TargetColumn c : columns) {
            if (c.selected() && c.status() != Availability.AVAILABLE) {
                skipped.add(new SkippedTarget(c.id(), c.status(), c.reason()));
            }
        }
        return skipped;
    }

    private static ComplianceReport.Summary summary(
            TckRunResult result, int rules, Tally t, List<TargetColumn> columns, List<SkippedTarget> skipped) {
        List<TestRecord> tests =
                result.records().stream().filter(r -> !r.container()).toList();
        return new ComplianceReport.Summary(
                rules,
                t.mustRules(),
                t.mustPassed(),
                t.mustFailed(),
                t.mustNotChecked(),
                t.referenceRules(),
                t.referencePassed(),
                t.deviations(),
                t.referenceNotChecked(),
                tests.size(),
                count(tests, Outcome.PASSED),
                count(tests, Outcome.FAILED),
                count(tests, Outcome.SKIPPED),
                count(tests, Outcome.ABORTED),
                (int) result.records().stream().filter(TestRecord::container).count(),
                (int) columns.stream()
                        .filter(c -> c.status() == Availability.AVAILABLE)
                        .count(),
                skipped.size());
    }

    /**
     * The deviations as the waivers and the profile see them.
     *
     * @param blocking the deviations that fail the verdict (strict profile, not waived)
     * @param unwaived the deviations not waived
     * @param waivers  every waiver, and whether its rule deviated
     */
    private record Deviations(List<String> blocking, List<String> unwaived, List<ComplianceReport.Waiver> waivers) {}

    private static Deviations deviations(TckRunResult result, List<RuleFinding> deviations, Waivers waivers) {
        // Strict means strict: a deviation from the reference's decisions fails the verdict unless waived by name.
        boolean strict = result.settings().profile() == Profile.STRICT;
        List<String> unwaived = deviations.stream()
                .map(RuleFinding::id)
                .filter(id -> !waivers.waives(id))
                .toList();
        Set<String> deviated = deviations.stream().map(RuleFinding::id).collect(Collectors.toSet());
        List<ComplianceReport.Waiver> waiverList = waivers.sortedIds().stream()
                .map(id -> new ComplianceReport.Waiver(
                        id, Redactor.redact(waivers.by()), Redactor.redact(waivers.reason()), deviated.contains(id)))
                .toList();
        return new Deviations(strict ? unwaived : List.of(), unwaived, waiverList);
    }

    /** The verdict in one sentence. */
    private static String verdictText(
            TckRunResult result,
            Verdict verdict,
            Tally t,
            Deviations d,
            List<TargetColumn> columns,
            List<SkippedTarget> skipped,
            int rules,
            List<String> selection,
            List<RuleFinding> failures) {
        String implementation = result.implementationName() + " " + result.implementationVersion();
        int waived = t.deviations() - d.unwaived().size();
        String deviationText = t.deviations() == 0
                ? ""
                : "; " + t.deviations() + " deviation(s) from the reference"
                        + (waived == 0 ? "" : " (" + waived + " waived)")
                        + (d.blocking().isEmpty()
                                ? ""
                                : ", " + d.blocking().size() + " not waived, failing the strict profile: "
                                        + String.join(", ", d.blocking()));
        List<String> availableTargets = columns.stream()
                .filter(c -> c.status() == Availability.AVAILABLE)
                .map(TargetColumn::id)
                .toList();
        String skippedText = skipped.isEmpty() ? "" : "; " + skipped.size() + " target(s) skipped";
        String text = verdict == Verdict.COMPLIANT
                ? implementation + " is compliant: all " + t.mustRules() + " must rules pass on "
                        + (availableTargets.isEmpty() ? "no target" : String.join(", ", availableTargets))
                        + deviationText + skippedText + "."
                : verdict == Verdict.INCOMPLETE
                        ? implementation + " is compliant on what could be checked: " + t.mustPassed() + " of "
                                + t.mustRules()
                                + " must rules pass on " + String.join(", ", availableTargets) + " and none failed; "
                                + t.mustNotChecked() + " could not be checked on these targets: "
                                + notCheckedText(failures)
                                + deviationText + skippedText + "."
                        : implementation + " is not compliant: " + t.mustFailed() + " must rule(s) failed, "
                                + t.mustNotChecked()
                                + " not checked (of " + t.mustRules() + ")"
                                + deviationText + skippedText + ".";
        if (!selection.isEmpty()) {
            text = "Narrowed run (" + Redactor.redact(String.join(" ", selection)) + "), answering for " + rules
                    + " rule(s) only: " + text;
        }
        return text;
    }

    /**
     * COMPLIANT when every must rule passed; INCOMPLETE when none failed, nothing blocks, and some could only not be
     * checked on these targets (but at least one was: a run that checked nothing shows nothing); else NOT_COMPLIANT.
     */
    static Verdict verdict(int mustFailed, int mustNotChecked, int mustPassed, List<String> blocking) {
        if (mustFailed > 0 || !blocking.isEmpty()) {
            return Verdict.NOT_COMPLIANT;
        }
        if (mustNotChecked == 0) {
            return Verdict.COMPLIANT;
        }
        return mustPassed > 0 ? Verdict.INCOMPLETE : Verdict.NOT_COMPLIANT;
    }

    /** The unchecked must rules grouped by why: {@code TLS-OK-1, TLS-CA-1 (no TLS target selected); ...}. */
    private static String notCheckedText(List<RuleFinding> findings) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (RuleFinding f : findings) {
            if (f.status() == RuleStatus.NOT_CHECKED) {
                String reason = f.firstMessage().replaceFirst("^not checked: ", "");
                byReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(f.id());
            }
        }
        return byReason.entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
                .collect(Collectors.joining("; "));
    }

    /** Where the run ran: the JVM, the machine, and the brokers as the run recorded them. */
    private static ComplianceReport.Environment environment(TckRunResult result, List<TargetColumn> columns) {
        Map<String, String> brokers = new LinkedHashMap<>();
        for (TargetColumn c : columns) {
            TargetSummary st = result.target(c.id()).orElse(null);
            if (c.status() == Availability.AVAILABLE && st != null && st.provisioning() != null) {
                // "external external ...": an external target's family and provisioning are the same word
                String what = c.provisioning().equals(c.broker()) ? c.broker() : c.provisioning() + " " + c.broker();
                brokers.put(
                        c.id(),
                        what
                                + (c.brokerVersion() == null ? "" : " " + c.brokerVersion())
                                + (st.containerImage() == null ? "" : ", image " + st.containerImage()));
            }
        }
        return new ComplianceReport.Environment(
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("java.runtime.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                result.testcontainers(),
                brokers);
    }

    /** When and how the run went. */
    private static ComplianceReport.Run run(TckRunResult result, List<String> selection) {
        TckSettings s = result.settings();
        return new ComplianceReport.Run(
                result.started().truncatedTo(ChronoUnit.MILLIS).toString(),
                result.finished().truncatedTo(ChronoUnit.MILLIS).toString(),
                result.duration().toMillis(),
                s.profile().id(),
                s.provisioning().id(),
                s.timeoutFactor(),
                List.copyOf(selectedTargets(result)),
                s.implementation().orElse(null),
                external(s.external()),
                List.copyOf(selection));
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
        m.put(
                "expiredTlsPort",
                e.expiredTlsPort().stream()
                        .mapToObj(Integer::toString)
                        .findFirst()
                        .orElse("none"));
        m.put("clientCert", e.clientCert().map(p -> p.getFileName().toString()).orElse("none"));
        m.put(
                "clientCertTlsPort",
                e.clientCertTlsPort().stream()
                        .mapToObj(Integer::toString)
                        .findFirst()
                        .orElse("none"));
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
        CellStatus status = records.stream().anyMatch(r -> r.outcome() == Outcome.FAILED)
                ? CellStatus.FAIL
                : records.stream().anyMatch(r -> r.outcome() == Outcome.PASSED) ? CellStatus.PASS : CellStatus.SKIP;
        List<Evidence> evidence = records.stream()
                .sorted(Comparator.comparingInt((TestRecord r) -> switch (r.outcome()) {
                            case FAILED -> 0;
                            case ABORTED -> 1;
                            case SKIPPED -> 2;
                            case PASSED -> 3;
                        })
                        .thenComparing(TestRecord::testName))
                .map(ReportBuilder::evidence)
                .toList();
        return new MatrixCell(target, status, anchor(ruleId, target), evidence);
    }

    /** The evidence anchor of a (rule, target) cell: {@code ev-RULE-ID--target}, letters, digits, '-' and '_' only. */
    public static String anchor(String ruleId, String target) {
        return "ev-" + ruleId.replaceAll("[^A-Za-z0-9_-]", "_") + "--" + target.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static RuleFinding finding(Rule rule, String group, RuleStatus status, List<MatrixCell> cells) {
        List<String> failedOn = cells.stream()
                .filter(c -> c.status() == CellStatus.FAIL)
                .map(MatrixCell::target)
                .toList();
        List<String> anchors = cells.stream()
                .filter(c -> c.anchor() != null
                        && (status == RuleStatus.NOT_CHECKED
                                ? c.status() != CellStatus.PASS
                                : c.status() == CellStatus.FAIL))
                .map(MatrixCell::anchor)
                .toList();
        String first;
        if (status == RuleStatus.NOT_CHECKED) {
            String skipReason = cells.stream()
                    .flatMap(c -> c.evidence().stream())
                    .map(Evidence::reason)
                    .filter(r -> r != null && !r.isBlank())
                    .findFirst()
                    .orElse(null);
            first = skipReason == null
                    ? "not checked: no test of this rule ran"
                    : "not checked: every test of this rule was skipped or aborted (" + skipReason + ")";
        } else {
            first = cells.stream()
                    .filter(c -> c.status() == CellStatus.FAIL)
                    .flatMap(c -> c.evidence().stream())
                    .filter(e -> e.outcome() == Outcome.FAILED)
                    .map(Evidence::message)
                    .filter(m -> m != null)
                    .findFirst()
                    .orElse("failed");
        }
        return new RuleFinding(
                rule.id(), group, rule.level(), rule.statement(), status, failedOn, Redactor.redact(first), anchors);
    }

    static Evidence evidence(TestRecord r) {
        return new Evidence(
                Redactor.redact(r.testName()),
                r.uniqueId(),
                r.outcome(),
                r.duration().toMillis(),
                Redactor.redact(r.reason()),
                Redactor.redact(r.message()),
                Redactor.redact(r.counterexample()),
                r.seed(),
                TargetSummary.text(r.provisioning()),
                r.brokerVersion(),
                r.container());
    }
}
