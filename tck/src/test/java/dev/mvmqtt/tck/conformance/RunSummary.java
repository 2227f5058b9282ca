package dev.mvmqtt.tck.conformance;

import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TestRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Per-target figures of a TCK run, and a plain-text dump of its records for inspection. */
public final class RunSummary {
    private RunSummary() {}

    /** Per target (in record order): the summed duration of its test records and the count per outcome. */
    public static String perTarget(TckRunResult result) {
        Map<String, Duration> time = new LinkedHashMap<>();
        Map<String, Map<Outcome, Integer>> counts = new LinkedHashMap<>();
        for (TestRecord r : result.records()) {
            if (r.container()) {
                continue;
            }
            time.merge(r.target(), r.duration(), Duration::plus);
            counts.computeIfAbsent(r.target(), t -> new EnumMap<>(Outcome.class))
                    .merge(r.outcome(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%-24s %10s %7s %7s %7s %7s%n",
                "target",
                "time (s)",
                "passed",
                "failed",
                "skipped",
                "aborted"));
        Duration total = Duration.ZERO;
        for (Map.Entry<String, Duration> e : time.entrySet()) {
            Map<Outcome, Integer> c = counts.get(e.getKey());
            total = total.plus(e.getValue());
            out.append(String.format(
                    Locale.ROOT,
                    "%-24s %10.1f %7d %7d %7d %7d%n",
                    e.getKey(),
                    e.getValue().toMillis() / 1000.0,
                    c.getOrDefault(Outcome.PASSED, 0),
                    c.getOrDefault(Outcome.FAILED, 0),
                    c.getOrDefault(Outcome.SKIPPED, 0),
                    c.getOrDefault(Outcome.ABORTED, 0)));
        }
        out.append(String.format(
                Locale.ROOT,
                "%-24s %10.1f (sum of test durations; whole run %.1f s wall)%n",
                "total",
                total.toMillis() / 1000.0,
                result.duration().toMillis() / 1000.0));
        return out.toString();
    }

    /** Writes every record of the run, one block per record, to {@code file}. */
    public static void write(TckRunResult result, Path file) {
        StringBuilder out = new StringBuilder();
        out.append("# TCK run: ")
                .append(result.implementationName())
                .append(' ')
                .append(result.implementationVersion())
                .append(" (")
                .append(result.implementationClass())
                .append(")\n# ")
                .append(result.settings())
                .append('\n')
                .append("# started ")
                .append(result.started())
                .append(", finished ")
                .append(result.finished())
                .append("\n\n");
        result.targets()
                .forEach(t -> out.append("target ")
                        .append(t.target())
                        .append(": ")
                        .append(t.availability())
                        .append(t.provisioning() == null ? "" : " via " + t.provisioning())
                        .append(t.brokerVersion() == null ? "" : " " + t.brokerVersion())
                        .append(t.reason() == null ? "" : " (" + t.reason() + ")")
                        .append('\n'));
        out.append('\n').append(perTarget(result)).append('\n');
        for (TestRecord r : result.records()) {
            out.append(r.outcome())
                    .append(' ')
                    .append(r.target())
                    .append(' ')
                    .append(r.testName())
                    .append(' ')
                    .append(r.ids())
                    .append(String.format(Locale.ROOT, " %.3fs", r.duration().toNanos() / 1e9));
            if (r.container()) {
                out.append(" [container]");
            }
            out.append('\n');
            if (r.reason() != null) {
                out.append("    reason: ").append(r.reason()).append('\n');
            }
            if (r.message() != null) {
                out.append("    ").append(r.message().replace("\n", "\n    ")).append('\n');
            }
            if (r.counterexample() != null) {
                out.append("    counterexample: ")
                        .append(r.counterexample().replace("\n", "\n    "))
                        .append('\n');
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
