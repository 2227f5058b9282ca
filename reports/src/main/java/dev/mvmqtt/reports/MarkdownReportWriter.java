package dev.mvmqtt.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mvmqtt.reports.ComplianceReport.CellStatus;
import dev.mvmqtt.reports.ComplianceReport.MatrixCell;
import dev.mvmqtt.reports.ComplianceReport.MatrixGroup;
import dev.mvmqtt.reports.ComplianceReport.MatrixRow;
import dev.mvmqtt.reports.ComplianceReport.RuleFinding;
import dev.mvmqtt.reports.ComplianceReport.SkippedTarget;
import dev.mvmqtt.reports.ComplianceReport.TargetColumn;
import dev.mvmqtt.tck.run.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The report as Markdown, for a pull request or a release note: verdict, summary counts, failures and deviations,
 * skipped targets, and a compact matrix per group (only the columns where something ran). Table cells are escaped.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MarkdownReportWriter implements ReportWriter {
    private static final int MAX_MESSAGE = 300;

    @Override
    public String fileName() {
        return "report.md";
    }

    @Override
    public String render(ComplianceReport r) {
        StringBuilder m = new StringBuilder(16 * 1024);
        header(m, r);
        summary(m, r);
        failures(m, r);
        waivers(m, r);
        failingTests(m, r);
        skippedTargets(m, r);
        problems(m, r);
        brokerProfile(m, r);
        matrix(m, r);
        return m.toString();
    }

    /** The verdict, then implementation, kit, run and environment as a list. */
    private static void header(StringBuilder m, ComplianceReport r) {
        String word = switch (r.verdict()) {
            case COMPLIANT -> "✅ COMPLIANT";
            case INCOMPLETE -> "⚠️ INCOMPLETE (compliant on what could be checked)";
            case NOT_COMPLIANT -> "❌ NOT COMPLIANT";
        };
        m.append("# mvmqtt compliance report: ").append(word).append("\n\n");
        m.append(text(r.verdictText())).append("\n\n");
        m.append("- Implementation: **")
                .append(text(r.implementation().name()))
                .append(' ')
                .append(text(r.implementation().version()))
                .append("** (`")
                .append(code(r.implementation().className()))
                .append("`)\n");
        m.append("- Kit: ")
                .append(text(r.kit().version()))
                .append(", `")
                .append(code(r.kit().checksum()))
                .append("` (")
                .append(text(r.kit().checksumOf()))
                .append(")\n");
        m.append("- Generated: ")
                .append(text(r.generatedAt()))
                .append("; run took ")
                .append(String.format(Locale.ROOT, "%.1f s", r.run().durationMillis() / 1000.0))
                .append('\n');
        m.append("- Profile: ")
                .append(text(r.run().profile()))
                .append("; provisioning: ")
                .append(text(r.run().provisioning()))
                .append("; timeout factor: ")
                .append(r.run().timeoutFactor())
                .append('\n');
        m.append("- Environment: Java ")
                .append(text(r.environment().javaVersion()))
                .append(" (")
                .append(text(r.environment().javaVendor()))
                .append("), ")
                .append(text(r.environment().os()))
                .append(' ')
                .append(text(r.environment().arch()))
                .append('\n');
        m.append("- Testcontainers: ")
                .append(text(r.environment().testcontainers()))
                .append('\n');
        if (!r.environment().brokers().isEmpty()) {
            List<String> brokers = new ArrayList<>();
            r.environment().brokers().forEach((t, b) -> brokers.add("`" + code(t) + "` " + text(b)));
            m.append("- Brokers: ").append(String.join("; ", brokers)).append('\n');
        }
        m.append('\n');
    }

    /** Rule and test counts, and how many must rules have proven tests. */
    private static void summary(StringBuilder m, ComplianceReport r) {
        ComplianceReport.Summary s = r.summary();
        m.append("## Summary\n\n| level | rules | passed | failed | not checked |\n|---|---:|---:|---:|---:|\n")
                .append("| must | ")
                .append(s.mustRules())
                .append(" | ")
                .append(s.mustPassed())
                .append(" | ")
                .append(s.mustFailed())
                .append(" | ")
                .append(s.mustNotChecked())
                .append(" |\n")
                .append("| reference | ")
                .append(s.referenceRules())
                .append(" | ")
                .append(s.referencePassed())
                .append(" | ")
                .append(s.deviations())
                .append(" (deviations) | ")
                .append(s.referenceNotChecked())
                .append(" |\n\n")
                .append(s.tests())
                .append(" test results: ")
                .append(s.testsPassed())
                .append(" passed, ")
                .append(s.testsFailed())
                .append(" failed, ")
                .append(s.testsSkipped())
                .append(" skipped, ")
                .append(s.testsAborted())
                .append(" aborted.\n\n");
        long mustRows = r.matrix().stream()
                .flatMap(g -> g.rows().stream())
                .filter(row -> Rule.MUST.equals(row.level()))
                .count();
        long provenRows = r.matrix().stream()
                .flatMap(g -> g.rows().stream())
                .filter(row -> Rule.MUST.equals(row.level()) && row.proven())
                .count();
        m.append(provenRows)
                .append(" of ")
                .append(mustRows)
                .append(" must rules have tests proven to catch a violation")
                .append(" (🛡 in the matrix: a built-in broken implementation of the rule is rejected naming it).\n\n");
    }

    /** The must rules that failed or were not checked, and the deviations. */
    private static void failures(StringBuilder m, ComplianceReport r) {
        m.append("## Failures\n\n");
        if (r.failures().isEmpty()) {
            m.append("None: every must rule was checked and passed.\n\n");
        } else {
            findings(m, r.failures());
        }
        m.append("## Deviations from the reference\n\n");
        if (r.deviations().isEmpty()) {
            m.append("None.\n\n");
        } else {
            findings(m, r.deviations());
        }
    }

    /** The waived deviations, when any were waived. */
    private static void waivers(StringBuilder m, ComplianceReport r) {
        if (!r.waivers().isEmpty()) {
            m.append(
                    "## Waived deviations\n\n| rule | deviated in this run | waived by | reason |\n|---|---|---|---|\n");
            for (ComplianceReport.Waiver w : r.waivers()) {
                m.append("| `")
                        .append(code(w.id()))
                        .append("` | ")
                        .append(w.deviated() ? "yes" : "no")
                        .append(" | ")
                        .append(w.by() == null ? "—" : cell(w.by()))
                        .append(" | ")
                        .append(w.reason() == null ? "—" : cell(w.reason()))
                        .append(" |\n");
            }
            m.append('\n');
        }
    }

    /** The selected targets that could not be used. */
    private static void skippedTargets(StringBuilder m, ComplianceReport r) {
        m.append("## Skipped targets\n\n");
        if (r.skippedTargets().isEmpty()) {
            m.append("None.\n\n");
        } else {
            m.append("| target | status | reason |\n|---|---|---|\n");
            for (SkippedTarget t : r.skippedTargets()) {
                m.append("| `")
                        .append(code(t.target()))
                        .append("` | ")
                        .append(cell(t.status().name()))
                        .append(" | ")
                        .append(cell(t.reason()))
                        .append(" |\n");
            }
            m.append('\n');
        }
    }

    /** A pointer to the results outside the catalogue, when there are any. */
    private static void problems(StringBuilder m, ComplianceReport r) {
        if (!r.problems().isEmpty()) {
            m.append("## Results outside the catalogue\n\n")
                    .append(r.problems().size())
                    .append(" result(s) name no catalogue rule or an unknown one; see report.html or report.json.\n\n");
        }
    }

    /** The matrix, a table per catalogue group. */
    /** The broker profile as a table across targets; nothing when the run did not profile. */
    private static void brokerProfile(StringBuilder m, ComplianceReport r) {
        if (r.brokerProfile() != null && !r.brokerProfile().targets().isEmpty()) {
            m.append("## Broker profile\n\nWhat each broker did where MQTT lets brokers differ, observed by the kit's "
                            + "own MQTT client.\n\n")
                    .append(r.brokerProfile().markdownTable())
                    .append('\n');
        }
    }

    private static void matrix(StringBuilder m, ComplianceReport r) {
        m.append("## Matrix\n\n✅ pass · ❌ fail · ⏭️ skipped/aborted · — not run. Failing rules first.\n\n");
        for (MatrixGroup g : r.matrix()) {
            matrixGroup(m, r.targets(), g);
        }
    }

    /** One group's table, with only the columns where one of its rules ran. */
    private static void matrixGroup(StringBuilder m, List<TargetColumn> targets, MatrixGroup g) {
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            final int col = i;
            if (g.rows().stream().anyMatch(row -> row.cells().get(col).status() != CellStatus.NONE)) {
                shown.add(i);
            }
        }
        m.append("### ").append(text(g.name())).append(" — ").append(text(g.title()));
        if (g.failing() > 0) {
            m.append(" (").append(g.failing()).append(" failing or not checked)");
        }
        m.append("\n\n| rule | level | status |");
        for (int i : shown) {
            TargetColumn c = targets.get(i);
            m.append(' ').append(cell(c.id())).append(" |");
        }
        m.append("\n|---|---|---|");
        shown.forEach(i -> m.append(":---:|"));
        m.append('\n');
        for (MatrixRow row : g.rows()) {
            m.append("| `")
                    .append(code(row.id()))
                    .append('`')
                    .append(row.proven() ? " 🛡" : "")
                    .append(" | ")
                    .append(cell(row.level()))
                    .append(" | ")
                    .append(statusWord(row.status()))
                    .append(" |");
            for (int i : shown) {
                m.append(' ').append(symbol(row.cells().get(i))).append(" |");
            }
            m.append('\n');
        }
        m.append('\n');
    }

    /**
     * The failed tests behind the failures and deviations, so an implementer knows what to run again
     * ({@code ./certify --tests Class#method}): each test once, with the rules it was blamed on and its targets.
     */
    private static void failingTests(StringBuilder m, ComplianceReport r) {
        Map<String, Set<String>> rulesOf = new LinkedHashMap<>();
        Map<String, Set<String>> targetsOf = new LinkedHashMap<>();
        Map<String, String> messageOf = new LinkedHashMap<>();
        for (MatrixGroup g : r.matrix()) {
            for (MatrixRow row : g.rows()) {
                for (ComplianceReport.MatrixCell c : row.cells()) {
                    for (ComplianceReport.Evidence e : c.evidence()) {
                        if (e.outcome() != Outcome.FAILED) {
                            continue;
                        }
                        String test = e.test().replaceFirst(" \\[.*$", "");
                        rulesOf.computeIfAbsent(test, k -> new TreeSet<>()).add(row.id());
                        targetsOf.computeIfAbsent(test, k -> new TreeSet<>()).add(c.target());
                        messageOf.putIfAbsent(test, e.message());
                    }
                }
            }
        }
        if (rulesOf.isEmpty()) {
            return;
        }
        m.append("## Failing tests\n\nRun one again with `./certify --tests Class#method`.\n\n")
                .append("| test | rules | targets | first message |\n|---|---|---|---|\n");
        for (String test : rulesOf.keySet()) {
            m.append("| `")
                    .append(code(test))
                    .append("` | ")
                    .append(cell(String.join(", ", rulesOf.get(test))))
                    .append(" | ")
                    .append(cell(String.join(", ", targetsOf.get(test))))
                    .append(" | ")
                    .append(cell(shorten(messageOf.get(test))))
                    .append(" |\n");
        }
        m.append('\n');
    }

    private static void findings(StringBuilder m, List<RuleFinding> findings) {
        m.append("| rule | level | status | targets | statement | first message |\n|---|---|---|---|---|---|\n");
        for (RuleFinding f : findings) {
            m.append("| `")
                    .append(code(f.id()))
                    .append("` | ")
                    .append(cell(f.level()))
                    .append(" | ")
                    .append(statusWord(f.status()))
                    .append(" | ")
                    .append(f.targets().isEmpty() ? "—" : cell(String.join(", ", f.targets())))
                    .append(" | ")
                    .append(cell(f.statement()))
                    .append(" | ")
                    .append(cell(shorten(f.firstMessage())))
                    .append(" |\n");
        }
        m.append('\n');
    }

    private static String statusWord(ComplianceReport.RuleStatus s) {
        return switch (s) {
            case PASS -> "pass";
            case FAIL -> "**FAIL**";
            case DEVIATION -> "deviation";
            case NOT_CHECKED -> "not checked";
        };
    }

    private static String symbol(MatrixCell c) {
        return switch (c.status()) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case SKIP -> "⏭️";
            case NONE -> "—";
        };
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.strip().replaceAll("\\s*\\R\\s*", " ");
        return one.length() > MAX_MESSAGE ? one.substring(0, MAX_MESSAGE) + " …" : one;
    }

    /** Text for a paragraph: HTML-significant characters escaped, so nothing in a message can become markup. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\\", "\\\\")
                .replace("*", "\\*")
                .replace("_", "\\_")
                .replace("`", "\\`")
                .replace("[", "\\[")
                .replace("]", "\\]");
    }

    /** Text for a table cell: as {@link #text}, and pipes and line breaks neutralised. */
    static String cell(String s) {
        return text(s).replace("|", "\\|").replaceAll("\\R", " ");
    }

    /** Text inside an inline code span (no escapes work there): backticks and pipes replaced, one line. */
    static String code(String s) {
        return s == null ? "" : s.replace('`', '\'').replace("|", "¦").replaceAll("\\R", " ");
    }
}
