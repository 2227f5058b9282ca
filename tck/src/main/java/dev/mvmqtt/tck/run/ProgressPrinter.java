package dev.mvmqtt.tck.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints progress per target while the TCK runs: a line when a target is first seen, a running count for
 * each target a test class touched when that class finishes (for example
 * {@code [hivemq-v5-tls] 42/43 passed, 1 failed (12/40 classes)}), and a closing line per target with the time its
 * tests took (their durations added up: the targets' tests take turns, so this is the wall time spent on it). Register
 * it after the {@link ResultRecorder} it is fed from ({@link ResultRecorder#onRecord}).
 */
public final class ProgressPrinter implements TestExecutionListener {
    private final PrintStream out;
    private final Map<String, Counts> byTarget = new LinkedHashMap<>();
    private final Set<String> touched = new TreeSet<>();
    private final AtomicInteger classesDone = new AtomicInteger();
    private volatile int classesTotal;
    private volatile long startNanos;
    private volatile TestPlan plan;

    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    /** Feed for {@link ResultRecorder#onRecord}. */
    public void record(TestRecord r) {
        Counts counts;
        boolean first;
        synchronized (this) {
            first = !byTarget.containsKey(r.target());
            counts = byTarget.computeIfAbsent(r.target(), t -> new Counts());
            counts.add(r);
            touched.add(r.target());
        }
        if (first && r.outcome() == Outcome.ABORTED) {
            println("[" + r.target() + "] " + (r.reason() == null ? "aborted" : r.reason()));
        } else if (first) {
            String where = r.provisioning() == null || r.provisioning().equals("none") ? ""
                    : " (" + r.broker() + (r.brokerVersion() == null ? "" : " " + r.brokerVersion())
                    + ", MQTT " + r.mqttVersion() + ", " + r.transport() + ", " + r.provisioning() + ")";
            println("[" + r.target() + "] started" + where);
        }
        if (r.outcome() == Outcome.FAILED) {
            println("[" + r.target() + "] FAILED " + r.testName() + " " + r.ids());
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        startNanos = System.nanoTime();
        this.plan = plan;
        int classes = 0;
        int methods = 0;
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier d : plan.getDescendants(root)) {
                if (isTopLevelClass(plan, d)) {
                    classes++;
                }
                boolean method = d.getSource().filter(MethodSource.class::isInstance).isPresent();
                boolean underMethod = plan.getParent(d)
                        .map(p -> p.getSource().filter(MethodSource.class::isInstance).isPresent()).orElse(false);
                if (method && !underMethod) {
                    methods++;
                }
            }
        }
        classesTotal = classes;
        println("Running " + methods + " test methods in " + classes + " classes (a broker test runs once per target)");
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        TestPlan p = plan;
        if (p != null && isTopLevelClass(p, id)) {
            int done = classesDone.incrementAndGet();
            Map<String, String> lines = new LinkedHashMap<>();
            synchronized (this) {
                for (String t : touched) {
                    lines.put(t, byTarget.get(t).summary());
                }
                touched.clear();
            }
            lines.forEach((t, s) -> println("[" + t + "] " + s + " (" + done + "/" + classesTotal + " classes)"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        Map<String, String> lines = new LinkedHashMap<>();
        synchronized (this) {
            byTarget.forEach((t, c) -> lines.put(t, c.summary()
                    + String.format(Locale.ROOT, " in %.1f s", c.nanos / 1e9)));
        }
        lines.forEach((t, s) -> println("[" + t + "] finished: " + s));
        println(String.format(Locale.ROOT, "TCK run finished in %.1f s", Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0));
    }

    private static boolean isTopLevelClass(TestPlan plan, TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).isPresent()
                && plan.getParent(id).map(p -> p.getParentId().isEmpty()).orElse(false);
    }

    private void println(String line) {
        synchronized (out) {
            out.println(Redactor.redact(line));
            out.flush();
        }
    }

    private static final class Counts {
        int run;
        int passed;
        int failed;
        int skipped;
        int aborted;
        long nanos;

        void add(TestRecord r) {
            if (r.container() && r.outcome() == Outcome.PASSED) {
                return;
            }
            run++;
            nanos += r.duration().toNanos();
            switch (r.outcome()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
                case ABORTED -> aborted++;
            }
        }

        String summary() {
            StringBuilder s = new StringBuilder().append(passed).append('/').append(run).append(" passed");
            s.append(", ").append(failed).append(" failed");
            if (skipped > 0) {
                s.append(", ").append(skipped).append(" skipped");
            }
            if (aborted > 0) {
                s.append(", ").append(aborted).append(" aborted");
            }
            return s.toString();
        }
    }
}
