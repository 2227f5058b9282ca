package dev.mvmqtt.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mvmqtt.reports.ComplianceReport.CellStatus;
import dev.mvmqtt.reports.ComplianceReport.Evidence;
import dev.mvmqtt.reports.ComplianceReport.MatrixCell;
import dev.mvmqtt.reports.ComplianceReport.MatrixGroup;
import dev.mvmqtt.reports.ComplianceReport.MatrixRow;
import dev.mvmqtt.reports.ComplianceReport.Problem;
import dev.mvmqtt.reports.ComplianceReport.RuleFinding;
import dev.mvmqtt.reports.ComplianceReport.SkippedTarget;
import dev.mvmqtt.reports.ComplianceReport.TargetColumn;
import dev.mvmqtt.tck.run.Availability;
import dev.mvmqtt.tck.run.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The report as one self-contained HTML page, for people: inline CSS, no script, nothing fetched from the network.
 * Verdict at the top; then implementation, kit and environment; failures, deviations and skipped targets; the matrix
 * of rules by target, grouped as the catalogue groups them, each cell linking to its evidence further down. Every
 * text is escaped.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HtmlReportWriter implements ReportWriter {
    private static final String CSS = """
            :root { --pass:#1a7f37; --pass-bg:#dafbe1; --fail:#b42318; --fail-bg:#ffebe9; --skip:#7a5c00; --skip-bg:#fff8c5;
                    --none:#6e7781; --line:#d0d7de; --muted:#57606a; }
            * { box-sizing: border-box; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1f2328;
                   line-height: 1.45; background: #fff; }
            main { max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
            h1 { font-size: 1.4rem; margin: 0 0 .25rem 0; }
            h2 { font-size: 1.15rem; margin: 2rem 0 .5rem 0; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
            h3 { font-size: 1rem; margin: 1.25rem 0 .4rem 0; }
            .verdict { padding: 1rem 1.25rem; border-radius: 8px; margin-bottom: 1.25rem; border: 2px solid; }
            .verdict.COMPLIANT { background: var(--pass-bg); border-color: var(--pass); }
            .verdict.NOT_COMPLIANT { background: var(--fail-bg); border-color: var(--fail); }
            .verdict.INCOMPLETE { background: var(--skip-bg); border-color: var(--skip); }
            .verdict .word { font-size: 1.8rem; font-weight: 700; letter-spacing: .02em; }
            .verdict.COMPLIANT .word { color: var(--pass); }
            .verdict.NOT_COMPLIANT .word { color: var(--fail); }
            .verdict.INCOMPLETE .word { color: var(--skip); }
            .verdict p { margin: .3rem 0 0 0; }
            table { border-collapse: collapse; margin: .25rem 0 1rem 0; }
            th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; font-weight: 600; }
            table.facts th { width: 12rem; }
            .counts td { text-align: right; }
            .matrix { font-size: .85rem; }
            .matrix th.target { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 600; padding: .5rem .25rem; }
            .matrix th.target.unavailable { color: var(--none); font-style: italic; }
            .matrix td.cell { text-align: center; font-weight: 600; white-space: nowrap; }
            .matrix td.rule { white-space: nowrap; }
            .matrix td.statement { min-width: 18rem; color: var(--muted); }
            .PASS { color: var(--pass); background: var(--pass-bg); }
            .FAIL { color: var(--fail); background: var(--fail-bg); }
            .SKIP { color: var(--skip); background: var(--skip-bg); }
            .NONE { color: var(--none); }
            td.cell a { color: inherit; text-decoration: none; display: block; }
            td.cell a:hover { text-decoration: underline; }
            .status { font-weight: 600; padding: 0 .3rem; border-radius: 4px; }
            .status.DEVIATION { color: var(--skip); background: var(--skip-bg); }
            .status.NOT_CHECKED { color: var(--fail); background: var(--fail-bg); }
            .level { font-size: .75rem; border: 1px solid var(--line); border-radius: 10px; padding: 0 .4rem; color: var(--muted); }
            .level.must { border-color: #1f2328; color: #1f2328; }
            .muted { color: var(--muted); }
            pre { background: #f6f8fa; border: 1px solid var(--line); padding: .5rem; white-space: pre-wrap; word-break: break-word;
                  font-size: .8rem; margin: .25rem 0; }
            .evidence section { border-top: 1px solid var(--line); padding: .5rem 0; }
            .evidence section:target { background: #fffbe6; }
            .evidence ul { margin: .25rem 0; padding-left: 1.25rem; }
            .ok { color: var(--pass); font-weight: 600; }
            code { font-size: .85em; }
            td code, td a code { white-space: nowrap; }
            td.msg { min-width: 24rem; max-width: 40rem; }
            footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
            """;

    @Override
    public String fileName() {
        return "report.html";
    }

    @Override
    public String render(ComplianceReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        head(h, r);
        verdict(h, r);
        facts(h, r);
        summary(h, r);
        failures(h, r);
        waivers(h, r);
        skippedTargets(h, r);
        problems(h, r);
        brokerProfile(h, r.brokerProfile());
        matrix(h, r);
        evidence(h, r);
        footer(h, r);
        return h.toString();
    }

    private static String verdictWord(ComplianceReport r) {
        return switch (r.verdict()) {
            case COMPLIANT -> "COMPLIANT";
            case INCOMPLETE -> "INCOMPLETE";
            case NOT_COMPLIANT -> "NOT COMPLIANT";
        };
    }

    /** The document head, with the inline style. */
    private static void head(StringBuilder h, ComplianceReport r) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>mvmqtt compliance report: ")
                .append(esc(r.implementation().name()))
                .append(' ')
                .append(esc(r.implementation().version()))
                .append(" — ")
                .append(verdictWord(r))
                .append("</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
    }

    /** The verdict box at the top. */
    private static void verdict(StringBuilder h, ComplianceReport r) {
        h.append("<div class=\"verdict ")
                .append(r.verdict().name())
                .append("\" id=\"verdict\">\n")
                .append("<h1>mvmqtt compliance report</h1>\n")
                .append("<div class=\"word\" id=\"verdict-word\">")
                .append(verdictWord(r))
                .append("</div>\n")
                .append("<p>")
                .append(esc(r.verdictText()))
                .append("</p>\n")
                .append("<p class=\"muted\">")
                .append(esc(r.implementation().name()))
                .append(' ')
                .append(esc(r.implementation().version()))
                .append(" · kit ")
                .append(esc(r.kit().version()))
                .append(" · ")
                .append(esc(r.generatedAt()))
                .append("</p>\n</div>\n");
    }

    /** Implementation, kit and environment. */
    private static void facts(StringBuilder h, ComplianceReport r) {
        h.append("<h2 id=\"about\">Implementation, kit and environment</h2>\n<table class=\"facts\">\n");
        fact(
                h,
                "Implementation",
                r.implementation().name() + " " + r.implementation().version() + " ("
                        + r.implementation().className() + ")");
        fact(h, "Kit", r.kit().version());
        fact(h, "Kit checksum", r.kit().checksum() + " (" + r.kit().checksumOf() + ")");
        fact(h, "Report generated", r.generatedAt());
        fact(
                h,
                "Run",
                r.run().started() + " → " + r.run().finished() + " ("
                        + seconds(r.run().durationMillis()) + ")");
        fact(
                h,
                "Profile",
                r.run().profile()
                        + (r.run().profile().equals("strict") ? " (must and reference rules)" : " (must rules only)"));
        fact(h, "Provisioning", r.run().provisioning());
        fact(h, "Timeout factor", String.valueOf(r.run().timeoutFactor()));
        fact(h, "Selected targets", String.join(", ", r.run().selectedTargets()));
        if (r.run().external() != null) {
            fact(h, "External broker", r.run().external().toString());
        }
        fact(
                h,
                "Java",
                r.environment().javaVersion() + " (" + r.environment().javaVendor() + "; "
                        + r.environment().javaRuntime() + ")");
        fact(
                h,
                "OS",
                r.environment().os() + " " + r.environment().arch() + ", "
                        + r.environment().processors() + " processors");
        fact(h, "Testcontainers", r.environment().testcontainers());
        for (Map.Entry<String, String> b : r.environment().brokers().entrySet()) {
            fact(h, "Broker " + b.getKey(), b.getValue());
        }
        h.append("</table>\n");
    }

    /** Rule and test counts. */
    private static void summary(StringBuilder h, ComplianceReport r) {
        ComplianceReport.Summary s = r.summary();
        h.append("<h2 id=\"summary\">Summary</h2>\n<table class=\"counts\">\n")
                .append("<tr><th></th><th>rules</th><th>passed</th><th>failed</th><th>not checked</th></tr>\n")
                .append(row("must", s.mustRules(), s.mustPassed(), s.mustFailed(), s.mustNotChecked()))
                .append(row(
                        "reference", s.referenceRules(), s.referencePassed(), s.deviations(), s.referenceNotChecked()))
                .append("</table>\n<p class=\"muted\">")
                .append(s.tests())
                .append(" test results: ")
                .append(s.testsPassed())
                .append(" passed, ")
                .append(s.testsFailed())
                .append(" failed, ")
                .append(s.testsSkipped())
                .append(" skipped, ")
                .append(s.testsAborted())
                .append(" aborted; ")
                .append(s.targetsAvailable())
                .append(" target(s) available, ")
                .append(s.targetsSkipped())
                .append(
                        " skipped. A failed reference rule is a deviation from the reference implementation; under the strict profile it fails the verdict unless waived by name.</p>\n");
    }

    /** The must rules that failed or were not checked, and the deviations. */
    private static void failures(StringBuilder h, ComplianceReport r) {
        h.append("<h2 id=\"failures\">Failures</h2>\n");
        if (r.failures().isEmpty()) {
            h.append("<p class=\"ok\">No must rule failed; every must rule was checked.</p>\n");
        } else {
            findings(h, r.failures());
        }
        h.append("<h2 id=\"deviations\">Deviations from the reference</h2>\n");
        if (r.deviations().isEmpty()) {
            h.append("<p class=\"ok\">None.</p>\n");
        } else {
            findings(h, r.deviations());
        }
    }

    /** The waived deviations, when any were waived. */
    private static void waivers(StringBuilder h, ComplianceReport r) {
        if (!r.waivers().isEmpty()) {
            h.append(
                    "<h2 id=\"waivers\">Waived deviations</h2>\n<table>\n<tr><th>rule</th><th>deviated in this run</th>"
                            + "<th>waived by</th><th>reason</th></tr>\n");
            for (ComplianceReport.Waiver w : r.waivers()) {
                h.append("<tr><td><code>")
                        .append(esc(w.id()))
                        .append("</code></td><td>")
                        .append(w.deviated() ? "yes" : "no")
                        .append("</td><td>")
                        .append(esc(w.by() == null ? "—" : w.by()))
                        .append("</td><td>")
                        .append(esc(w.reason() == null ? "—" : w.reason()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    /** The selected targets that could not be used. */
    private static void skippedTargets(StringBuilder h, ComplianceReport r) {
        h.append("<h2 id=\"skipped\">Skipped targets</h2>\n");
        if (r.skippedTargets().isEmpty()) {
            h.append("<p class=\"ok\">None: every selected target was available.</p>\n");
        } else {
            h.append("<table>\n<tr><th>target</th><th>status</th><th>reason</th></tr>\n");
            for (SkippedTarget t : r.skippedTargets()) {
                h.append("<tr><td><code>")
                        .append(esc(t.target()))
                        .append("</code></td><td>")
                        .append(esc(t.status().name()))
                        .append("</td><td>")
                        .append(esc(t.reason()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    /** Results that belong to no catalogue rule, when there are any. */
    private static void problems(StringBuilder h, ComplianceReport r) {
        if (!r.problems().isEmpty()) {
            h.append("<h2 id=\"problems\">Results outside the catalogue</h2>\n<table>\n")
                    .append(
                            "<tr><th>kind</th><th>ids</th><th>target</th><th>test</th><th>outcome</th><th>message</th></tr>\n");
            for (Problem p : r.problems()) {
                Evidence e = p.evidence();
                h.append("<tr><td>")
                        .append(esc(p.kind()))
                        .append("</td><td>")
                        .append(esc(String.join(", ", p.ids())))
                        .append("</td><td>")
                        .append(esc(p.target()))
                        .append("</td><td>")
                        .append(esc(e.test()))
                        .append("</td><td>")
                        .append(esc(e.outcome().name()))
                        .append("</td><td><pre>")
                        .append(esc(e.message() != null ? e.message() : e.reason()))
                        .append("</pre></td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    /** The rules by target, a table per catalogue group. */
    private static void matrix(StringBuilder h, ComplianceReport r) {
        h.append("<h2 id=\"matrix\">Rules by target</h2>\n")
                .append(
                        "<p class=\"muted\">PASS: a test passed and none failed · FAIL: a test failed · SKIP: skipped or "
                                + "aborted (e.g. target unavailable) · —: no test of the rule ran there. Failing rules first; "
                                + "click a cell for its evidence.</p>\n");
        List<TargetColumn> cols = r.targets();
        for (MatrixGroup g : r.matrix()) {
            h.append("<h3 id=\"group-")
                    .append(attr(g.name()))
                    .append("\">")
                    .append(esc(g.name()))
                    .append(" — ")
                    .append(esc(g.title()))
                    .append(
                            g.failing() > 0
                                    ? " <span class=\"status FAIL\">" + g.failing() + " failing or not checked</span>"
                                    : "")
                    .append("</h3>\n");
            h.append("<table class=\"matrix\">\n<tr><th>rule</th><th>status</th>");
            for (TargetColumn c : cols) {
                boolean up = c.status() == Availability.AVAILABLE;
                h.append("<th class=\"target")
                        .append(up ? "" : " unavailable")
                        .append("\" title=\"")
                        .append(attr(c.id() + ": " + c.status() + (c.reason() == null ? "" : " — " + c.reason())))
                        .append("\">")
                        .append(esc(c.id()))
                        .append("</th>");
            }
            h.append("<th>statement</th></tr>\n");
            for (MatrixRow row : g.rows()) {
                matrixRow(h, row);
            }
            h.append("</table>\n");
        }
    }

    /** One rule's row of the matrix: its id, level, status, a cell per target and its statement. */
    private static void matrixRow(StringBuilder h, MatrixRow row) {
        h.append("<tr id=\"rule-")
                .append(attr(row.id()))
                .append("\"><td class=\"rule\"><code>")
                .append(esc(row.id()))
                .append("</code> <span class=\"level ")
                .append(attr(row.level()))
                .append("\">")
                .append(esc(row.level()))
                .append("</span>")
                .append(
                        row.proven()
                                ? " <span class=\"proven\" title=\"a built-in broken implementation of this rule is rejected naming it\">🛡</span>"
                                : "")
                .append("</td><td><span class=\"status ")
                .append(row.status().name())
                .append("\">")
                .append(row.status().name().replace('_', ' '))
                .append("</span></td>");
        for (MatrixCell c : row.cells()) {
            String label = c.status() == CellStatus.NONE ? "—" : c.status().name();
            h.append("<td class=\"cell ").append(c.status().name()).append("\">");
            if (c.anchor() != null) {
                h.append("<a href=\"#")
                        .append(attr(c.anchor()))
                        .append("\" title=\"")
                        .append(attr(row.id() + " on " + c.target()))
                        .append("\">")
                        .append(label)
                        .append("</a>");
            } else {
                h.append(label);
            }
            h.append("</td>");
        }
        h.append("<td class=\"statement\">").append(esc(row.statement())).append("</td></tr>\n");
    }

    /** Each matrix cell's evidence, under its anchor. */
    private static void evidence(StringBuilder h, ComplianceReport r) {
        h.append("<h2 id=\"evidence\">Evidence</h2>\n<div class=\"evidence\">\n");
        for (MatrixGroup g : r.matrix()) {
            for (MatrixRow row : g.rows()) {
                for (MatrixCell c : row.cells()) {
                    if (c.anchor() == null) {
                        continue;
                    }
                    h.append("<section id=\"")
                            .append(attr(c.anchor()))
                            .append("\">\n<h3><code>")
                            .append(esc(row.id()))
                            .append("</code> on <code>")
                            .append(esc(c.target()))
                            .append("</code>: <span class=\"")
                            .append(c.status().name())
                            .append("\">")
                            .append(c.status().name())
                            .append("</span> ")
                            .append("<a href=\"#rule-")
                            .append(attr(row.id()))
                            .append("\">↑ matrix</a></h3>\n")
                            .append("<p class=\"muted\">")
                            .append(esc(row.statement()))
                            .append("</p>\n<ul>\n");
                    for (Evidence e : c.evidence()) {
                        evidenceItem(h, e);
                    }
                    h.append("</ul>\n</section>\n");
                }
            }
        }
        h.append("</div>\n");
    }

    /** One test record of a cell's evidence: outcome, test, time, where, and why it failed or was skipped. */
    private static void evidenceItem(StringBuilder h, Evidence e) {
        h.append("<li><span class=\"")
                .append(e.outcome() == Outcome.PASSED ? "PASS" : e.outcome() == Outcome.FAILED ? "FAIL" : "SKIP")
                .append("\">")
                .append(esc(e.outcome().name()))
                .append("</span> <code>")
                .append(esc(e.test()))
                .append("</code>")
                .append(e.container() ? " (whole container)" : "")
                .append(" <span class=\"muted\">")
                .append(e.durationMillis())
                .append(" ms")
                .append(
                        e.provisioning() == null || e.provisioning().equals("none")
                                ? ""
                                : ", " + esc(e.provisioning())
                                        + (e.brokerVersion() == null ? "" : " " + esc(e.brokerVersion())))
                .append("</span>");
        if (e.reason() != null) {
            h.append("<br>reason: ").append(esc(e.reason()));
        }
        if (e.message() != null) {
            h.append("<pre>").append(esc(e.message())).append("</pre>");
        }
        if (e.counterexample() != null) {
            h.append("counterexample:<pre>").append(esc(e.counterexample())).append("</pre>");
        }
        if (e.seed() != null) {
            h.append("seed: <code>").append(esc(e.seed())).append("</code>");
        }
        h.append("</li>\n");
    }

    /** The footer, closing the page. */
    private static void footer(StringBuilder h, ComplianceReport r) {
        h.append("<footer>Generated by the mvmqtt certify command (kit ")
                .append(esc(r.kit().version()))
                .append(", report schema ")
                .append(esc(r.schemaVersion()))
                .append("). The same data is in report.json.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
    }

    private static void findings(StringBuilder h, List<RuleFinding> findings) {
        h.append(
                "<table>\n<tr><th>rule</th><th>level</th><th>status</th><th>targets</th><th>statement</th><th>first message</th></tr>\n");
        for (RuleFinding f : findings) {
            h.append("<tr><td><a href=\"#rule-")
                    .append(attr(f.id()))
                    .append("\"><code>")
                    .append(esc(f.id()))
                    .append("</code></a></td><td>")
                    .append(esc(f.level()))
                    .append("</td><td><span class=\"status ")
                    .append(f.status().name())
                    .append("\">")
                    .append(f.status().name().replace('_', ' '))
                    .append("</span></td><td>");
            if (f.targets().isEmpty()) {
                h.append("—");
            }
            for (int i = 0; i < f.targets().size(); i++) {
                String target = f.targets().get(i);
                h.append(i == 0 ? "" : ", ")
                        .append("<a href=\"#")
                        .append(attr(ReportBuilder.anchor(f.id(), target)))
                        .append("\"><code>")
                        .append(esc(target))
                        .append("</code></a>");
            }
            h.append("</td><td>").append(esc(f.statement())).append("</td><td class=\"msg\">");
            if (f.status() == ComplianceReport.RuleStatus.NOT_CHECKED) {
                h.append("<span class=\"muted\">").append(esc(f.firstMessage())).append("</span>");
            } else {
                h.append("<pre>").append(esc(f.firstMessage())).append("</pre>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void fact(StringBuilder h, String name, String value) {
        h.append("<tr><th>")
                .append(esc(name))
                .append("</th><td>")
                .append(esc(value))
                .append("</td></tr>\n");
    }

    private static String row(String level, int total, int passed, int failed, int notChecked) {
        return "<tr><th>" + level + "</th><td>" + total + "</td><td>" + passed + "</td><td>" + failed + "</td><td>"
                + notChecked + "</td></tr>\n";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** HTML text escaping: {@code & < > " '}. */
    /** The broker profile: one row per question, one column per target; nothing when the run did not profile. */
    private static void brokerProfile(StringBuilder h, BrokerProfiles p) {
        if (p == null || p.targets().isEmpty()) {
            return;
        }
        h.append(
                "<h2 id=\"broker-profile\">Broker profile</h2>\n<p class=\"muted\">What each broker did where MQTT lets "
                        + "brokers differ, observed by the kit's own MQTT client. Rules that depend on these choices are checked "
                        + "against what the broker did.</p>\n<table>\n<tr><th>question</th>");
        p.targets().forEach(t -> h.append("<th><code>").append(esc(t.target())).append("</code></th>"));
        h.append("</tr>\n<tr><td>broker</td>");
        p.targets()
                .forEach(t -> h.append("<td>")
                        .append(esc(t.broker() == null ? "not available: " + t.unavailable() : t.broker()))
                        .append("</td>"));
        h.append("</tr>\n");
        p.questions().forEach((key, question) -> {
            h.append("<tr><td>").append(esc(question)).append("</td>");
            p.targets().forEach(t -> h.append("<td>").append(esc(t.answer(key))).append("</td>"));
            h.append("</tr>\n");
        });
        h.append("</table>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("\uFFFD");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String attr(String s) {
        return esc(s);
    }
}
