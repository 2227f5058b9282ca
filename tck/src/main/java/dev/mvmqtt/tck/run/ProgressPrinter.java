package dev.mvmqtt.tck.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints progress while the TCK runs, a few lines per target however many targets run at once: a line when a
 * target is first seen (with its broker), a line for each failed test, and one line when a part of the run
 * finishes, with its counts and wall time (for example
 * {@code [hivemq-v5-tls] finished in 21.4 s: 84/85 passed, 1 failed}). A part is one target's tests, or the
 * device tests and properties ({@link #DEVICE_PART}). Thread-safe: parts report from their own threads.
 */
final class ProgressPrinter {
    /** The name of the part that runs the tests needing no target of their own (device tests, properties). */
    public static final String DEVICE_PART = "device tests and properties";

    private final PrintStream out;
    private final Set<String> seenTargets = new HashSet<>();
    private final Map<String, Counts> byPart = new ConcurrentHashMap<>();
    private final Counts total = new Counts();

    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    /** A record of {@code part}, as soon as it is made. */
    public void record(String part, TestRecord r) {
        boolean first;
        synchronized (this) {
            first = seenTargets.add(r.target());
            byPart.computeIfAbsent(part, p -> new Counts()).add(r);
            total.add(r);
        }
        if (first && r.outcome() == Outcome.ABORTED) {
            println("[" + r.target() + "] " + (r.reason() == null ? "aborted" : r.reason()));
        } else if (first && r.provisioning() != null) {
            println("[" + r.target() + "] started (" + TargetSummary.text(r.broker())
                    + (r.brokerVersion() == null ? "" : " " + r.brokerVersion())
                    + ", MQTT " + TargetSummary.text(r.mqttVersion()) + ", " + TargetSummary.text(r.transport())
                    + ", " + r.provisioning().id() + ")");
        }
        if (r.outcome() == Outcome.FAILED) {
            println("[" + r.target() + "] FAILED " + r.testName() + " " + r.ids());
        }
    }

    /** {@code part} finished after {@code took}: one line with its counts. */
    public void partFinished(String part, Duration took) {
        String counts;
        synchronized (this) {
            Counts c = byPart.get(part);
            counts = c == null ? "no test ran" : c.summary();
        }
        println(String.format(Locale.ROOT, "[%s] finished in %.1f s: %s", part, took.toMillis() / 1000.0, counts));
    }

    /** The whole run finished after {@code took}. */
    public void runFinished(Duration took) {
        String counts;
        synchronized (this) {
            counts = total.summary();
        }
        println(String.format(Locale.ROOT, "TCK run finished in %.1f s: %s", took.toMillis() / 1000.0, counts));
    }

    /** A line of its own, redacted. */
    public void println(String line) {
        synchronized (out) {
            out.println(Redactor.redact(line));
            out.flush();
        }
    }

    /**
     * Tests as the report counts them (its {@code summary.tests*}); containers (test classes, templates) that did not
     * pass as a whole apart, as the report's {@code containerProblems}: the device part skips every class that needs a
     * target, for example, and those are not skipped tests.
     */
    private static final class Counts {
        int run;
        int passed;
        int failed;
        int skipped;
        int aborted;
        int containersFailed;
        int containersNotRun;

        void add(TestRecord r) {
            if (r.container()) {
                if (r.outcome() == Outcome.FAILED) {
                    containersFailed++;
                } else if (r.outcome() != Outcome.PASSED) {
                    containersNotRun++;
                }
                return;
            }
            run++;
            switch (r.outcome()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
                case ABORTED -> aborted++;
            }
        }

        String summary() {
            StringBuilder s =
                    new StringBuilder().append(passed).append('/').append(run).append(" passed");
            s.append(", ").append(failed).append(" failed");
            if (skipped > 0) {
                s.append(", ").append(skipped).append(" skipped");
            }
            if (aborted > 0) {
                s.append(", ").append(aborted).append(" aborted");
            }
            if (containersFailed > 0) {
                s.append("; ").append(containersFailed).append(" test class(es) failed as a whole");
            }
            if (containersNotRun > 0) {
                s.append("; ").append(containersNotRun).append(" test class(es) skipped or aborted as a whole");
            }
            return s.toString();
        }
    }
}
