package dev.mvmqtt.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mvmqtt.reports.CertifyOptions.UsageException;
import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.broker.TargetId;
import dev.mvmqtt.tck.broker.TargetStatus;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.profile.BrokerProfile;
import dev.mvmqtt.tck.profile.BrokerProfiler;
import dev.mvmqtt.tck.run.Redactor;
import dev.mvmqtt.tck.settings.TckSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./certify --broker-profile}: a broker operator's run. No implementation is certified; for every selected
 * target the kit's observer asks the broker what MQTT lets brokers answer differently ({@link BrokerProfiler}), and
 * the answers are written side by side: {@code broker-profile.json}, {@code broker-profile.md}, and the same table
 * on the console. Takes certify's target, external-broker, provisioning, timeout and output options.
 */
final class BrokerProfileCommand {
    private final PrintStream out;
    private final PrintStream err;

    BrokerProfileCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** One target's row: its profile, or why it could not be profiled. */
    record TargetProfile(String target, String unavailable, BrokerProfile profile) {
    }

    int run(CertifyOptions options) {
        TckSettings settings;
        Path dir;
        try {
            options.checkOutputWritable();
            settings = options.settings(null);
            dir = options.output().toAbsolutePath().normalize();
        } catch (UsageException e) {
            err.println("certify: " + Redactor.redact(e.getMessage()));
            err.println("Run ./certify --help for the options.");
            return Certify.USAGE;
        }
        List<TargetProfile> rows = new ArrayList<>();
        try {
            BrokerPool pool = BrokerPool.shared();
            for (TargetId target : settings.targets()) {
                TargetStatus status = pool.status(target, settings);
                if (status.broker().isEmpty()) {
                    String why = status.unavailableReason().orElse("not available");
                    out.println("[" + target.id() + "] not profiled: " + Redactor.redact(why));
                    rows.add(new TargetProfile(target.id(), Redactor.redact(why), null));
                    continue;
                }
                long started = System.nanoTime();
                BrokerProfile p = BrokerProfiler.profile(new TckTarget(target, status.broker().get(), settings));
                out.println("[" + target.id() + "] profiled in " + (System.nanoTime() - started) / 1_000_000 + " ms");
                rows.add(new TargetProfile(target.id(), null, p));
            }
        } finally {
            BrokerPool.closeShared();
        }
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve("broker-profile.json");
            Path md = dir.resolve("broker-profile.md");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), json(rows));
            String table = markdown(rows);
            Files.writeString(md, table, StandardCharsets.UTF_8);
            out.println();
            out.print(table);
            out.println();
            out.println("Broker profile written to " + dir + ": broker-profile.json, broker-profile.md");
        } catch (IOException e) {
            err.println("certify: cannot write the broker profile: " + Redactor.redact(e.toString()));
            return Certify.ERROR;
        }
        if (rows.stream().allMatch(r -> r.profile() == null)) {
            err.println("certify: no selected target could be profiled");
            return Certify.ERROR;
        }
        return Certify.COMPLIANT;
    }

    /** {@code {"questions": {key: question}, "targets": [{target, broker, unavailable, answers: {key: answer}}]}}. */
    static Map<String, Object> json(List<TargetProfile> rows) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("questions", BrokerProfiler.QUESTIONS);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (TargetProfile r : rows) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", r.target());
            t.put("broker", r.profile() == null ? null : Redactor.redact(r.profile().broker()));
            t.put("unavailable", r.unavailable());
            Map<String, String> answers = new LinkedHashMap<>();
            if (r.profile() != null) {
                r.profile().observations().forEach(o -> answers.put(o.key(), Redactor.redact(o.answer())));
            }
            t.put("answers", answers);
            targets.add(t);
        }
        root.put("targets", targets);
        return root;
    }

    /** One row per question, one column per target. */
    static String markdown(List<TargetProfile> rows) {
        StringBuilder m = new StringBuilder("# Broker profile\n\nWhat each broker did where MQTT lets brokers differ, "
                + "observed by the kit's own MQTT client.\n\n| question |");
        rows.forEach(r -> m.append(' ').append(cell(r.target())).append(" |"));
        m.append("\n|---|");
        rows.forEach(r -> m.append("---|"));
        m.append("\n| broker |");
        rows.forEach(r -> m.append(' ').append(cell(r.profile() == null ? "not available: " + r.unavailable()
                : r.profile().broker())).append(" |"));
        m.append('\n');
        for (Map.Entry<String, String> q : BrokerProfiler.QUESTIONS.entrySet()) {
            m.append("| ").append(cell(q.getValue())).append(" |");
            for (TargetProfile r : rows) {
                String answer = r.profile() == null ? "" : r.profile().observations().stream()
                        .filter(o -> o.key().equals(q.getKey())).map(BrokerProfile.Observation::answer)
                        .findFirst().orElse("");
                m.append(' ').append(cell(Redactor.redact(answer))).append(" |");
            }
            m.append('\n');
        }
        return m.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replaceAll("\\s+", " ");
    }
}
