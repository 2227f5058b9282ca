package dev.mvmqtt.reports;

import static dev.mvmqtt.reports.Runs.HIVEMQ;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TestRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {
    static final String HOSTILE_STATEMENT = "Topic <script>alert('x')</script> & \"quotes\" | pipes";

    /** A run with a failed must rule, a deviation, a skipped target, hostile text, a property and a credential. */
    static ComplianceReport mixedReport() {
        List<RuleGroup> catalogue = new ArrayList<>(Runs.catalogue());
        catalogue.add(new RuleGroup(
                "TOPIC",
                "Topics & <payloads>",
                List.of(new Rule(
                        "TOPIC-ESC-1",
                        HOSTILE_STATEMENT,
                        "must",
                        "guide",
                        List.of("5"),
                        List.of("mvMqttRequestSubscribe"),
                        true,
                        null))));
        List<TestRecord> records = new ArrayList<>(Runs.allPassing());
        records.add(Runs.on(HIVEMQ, "publishQos1Again", Outcome.FAILED, "MQTT-PUB-1")
                // deliberately not redacted here: the report must redact it itself
                .message("connect as user alice with password=hunter2 failed: <b>NOT AUTHORIZED</b>")
                .build());
        records.add(Runs.on(HIVEMQ, "qos2Refused2", Outcome.FAILED, "MQTT-QOS-9")
                .message("answered INVALIDPARAMETERS")
                .build());
        records.add(Runs.on(HIVEMQ, "topicRoundTrip", Outcome.FAILED, "TOPIC-ESC-1")
                .message("topic mismatch | expected <a/b> got `a/c`")
                .counterexample("arg0: \"a/c\"\narg1: 17")
                .seed("-4242")
                .reason(null)
                .build());
        ComplianceReport r = ReportBuilder.build(
                Runs.run(records),
                catalogue,
                Runs.KIT,
                Runs.T0.plusSeconds(43),
                new Waivers(Set.of("MQTT-QOS-9"), "QA <lead>", "our firmware never asks for QoS 2 | ok"));
        assertThat(r.verdict()).isEqualTo(ComplianceReport.Verdict.NOT_COMPLIANT);
        return r;
    }

    // ---- JSON

    @Test
    void jsonParsesBackToTheSameReport() {
        ComplianceReport report = mixedReport();
        JsonReportWriter writer = new JsonReportWriter();
        String json = writer.render(report);
        assertThat(writer.read(json)).isEqualTo(report);
        assertThat(json).contains("\"verdict\" : \"NOT_COMPLIANT\"").contains("\"MQTT-PUB-1\"");
    }

    @Test
    void jsonHasExactlyTheFieldsTheSchemaDocuments() throws IOException {
        Map<String, String> documented = documentedFields();
        assertThat(documented).hasSizeGreaterThan(80);
        JsonNode root = new ObjectMapper().readTree(new JsonReportWriter().render(mixedReport()));
        Set<String> present = new TreeSet<>();
        walk(root, "", documented, present);
        // problems[] is empty in the mixed report; add one so its fields are checked too
        List<TestRecord> withProblem = new ArrayList<>(Runs.allPassing());
        withProblem.add(TestRecord.builder("engine", Outcome.FAILED)
                .container(true)
                .message("boom")
                .build());
        withProblem.add(Runs.device("x", Outcome.PASSED, "NOPE-1").build());
        JsonNode other = new ObjectMapper().readTree(new JsonReportWriter().render(Runs.report(withProblem)));
        walk(other, "", documented, present);
        assertThat(present).containsAll(documented.keySet());
        assertThat(documented.keySet()).containsAll(present);
    }

    /** Field paths from the tables of REPORT-SCHEMA.md: first column, in backticks. */
    static Map<String, String> documentedFields() throws IOException {
        Path schema = Path.of("REPORT-SCHEMA.md");
        if (!Files.exists(schema)) {
            schema = Path.of("reports", "REPORT-SCHEMA.md");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([A-Za-z\\[\\].]+)` \\| ([^|]+) \\|");
        for (String line : Files.readAllLines(schema)) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                String previous = fields.put(m.group(1), m.group(2).trim());
                assertThat(previous).as("documented twice: %s", m.group(1)).isNull();
            }
        }
        return fields;
    }

    private static void walk(JsonNode node, String path, Map<String, String> documented, Set<String> present) {
        if (!path.isEmpty() && !path.endsWith("[]")) {
            present.add(path);
        }
        String type = documented.getOrDefault(path, "");
        if (type.startsWith("map")) {
            return; // keys are data
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                walk(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), documented, present);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isObject() || element.isArray()) {
                    walk(element, path + "[]", documented, present);
                }
            }
        }
    }

    // ---- HTML

    @Test
    void htmlShowsVerdictFailureDeviationSkippedTargetAndEscapesText() {
        String html = new HtmlReportWriter().render(mixedReport());
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).contains("<div class=\"word\" id=\"verdict-word\">NOT COMPLIANT</div>");
        assertThat(html).contains("<code>MQTT-PUB-1</code>");
        assertThat(html).contains("id=\"" + ReportBuilder.anchor("MQTT-PUB-1", HIVEMQ) + "\"");
        assertThat(html).contains("href=\"#" + ReportBuilder.anchor("MQTT-PUB-1", HIVEMQ) + "\"");
        assertThat(html).contains("<h2 id=\"deviations\">").contains("MQTT-QOS-9");
        assertThat(html).contains("mosquitto-v5-tls").contains("mosquitto binary not found on PATH");
        assertThat(html).contains("<table class=\"matrix\">");
        assertThat(html).contains("Topic &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
        assertThat(html).doesNotContain("<script").doesNotContain("<b>NOT AUTHORIZED</b>");
        assertThat(html).contains("&lt;b&gt;NOT AUTHORIZED&lt;/b&gt;");
        assertThat(html)
                .contains("counterexample:<pre>arg0: &quot;a/c&quot;\narg1: 17</pre>")
                .contains("seed: <code>-4242</code>");
        assertThat(html).contains("sha256:" + "ab".repeat(32));
        assertThat(html).contains("Java");
    }

    @Test
    void htmlIsSelfContained() {
        String html = new HtmlReportWriter().render(mixedReport());
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)@import|url\\(|<link|<script|<iframe|<img");
        assertThat(html).contains("<style>");
    }

    // ---- Markdown

    @Test
    void markdownShowsVerdictCountsFailuresDeviationsSkippedTargetsAndMatrix() {
        String md = new MarkdownReportWriter().render(mixedReport());
        assertThat(md).startsWith("# mvmqtt compliance report: ❌ NOT COMPLIANT");
        assertThat(md).contains("## Summary").contains("| must | 4 | 2 | 2 | 0 |");
        assertThat(md).contains("## Failures").contains("| `MQTT-PUB-1` | must | **FAIL** | hivemq-v5-tls |");
        assertThat(md)
                .contains("## Deviations from the reference")
                .contains("| `MQTT-QOS-9` | reference | deviation |");
        assertThat(md)
                .contains("## Waived deviations")
                .contains("| `MQTT-QOS-9` | yes | QA &lt;lead&gt; | our firmware never asks for QoS 2 \\| ok |");
        // the failing tests by name, so an implementer can run one again with --tests
        assertThat(md).contains("## Failing tests").contains("| `publishQos1Again` | MQTT-PUB-1 | hivemq-v5-tls |");
        assertThat(md)
                .contains("## Skipped targets")
                .contains(
                        "| `mosquitto-v5-tls` | UNAVAILABLE | target mosquitto-v5-tls unavailable: mosquitto binary not found on PATH |");
        assertThat(md).contains("### MQTT — MQTT requests").contains("### TOPIC — Topics &amp; &lt;payloads&gt;");
        // the matrix row of a failing rule: columns where something ran (hivemq first, it holds failures)
        assertThat(md).contains("| `MQTT-PUB-1` | must | **FAIL** | ❌ | ⏭️ |");
        // table cells escape pipes and markup
        assertThat(md).contains("Topic &lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quotes\" \\| pipes");
        assertThat(md).doesNotContain("<script>");
    }

    // ---- credentials and files

    @Test
    void noCredentialInAnyFormat(@TempDir Path dir) throws IOException {
        ComplianceReport report = mixedReport();
        for (ReportWriter w : List.of(new JsonReportWriter(), new HtmlReportWriter(), new MarkdownReportWriter())) {
            Path file = w.write(report, dir.resolve("out"));
            String text = Files.readString(file);
            assertThat(text).as(w.fileName()).doesNotContain("hunter2").contains("password=");
            assertThat(file.getFileName().toString()).isEqualTo(w.fileName());
        }
        assertThat(dir.resolve("out"))
                .isDirectoryContaining("glob:**/report.json")
                .isDirectoryContaining("glob:**/report.html")
                .isDirectoryContaining("glob:**/report.md");
    }
}
