package dev.mvmqtt.tck.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.RuleViolation;
import dev.mvmqtt.tck.TckReportKeys;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.Transport;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records one {@link TestRecord} for every test the JUnit Platform runs (each template invocation, each
 * jqwik property, each plain test), and one for every container that fails, aborts or is skipped as a
 * whole (a class whose {@code @BeforeAll} failed, a disabled class), so that nothing is lost.
 *
 * <p>Catalogue ids come from {@link Asserts} on the test method, else on its class (or an enclosing
 * class). Where a result was obtained comes from the report entry the test publishes with the keys of
 * {@link TckReportKeys}, or one published by an enclosing container; without one the target is
 * {@value TestRecord#DEVICE}. Every text kept goes through {@link Redactor}.
 *
 * <p>Thread-safe: engines may run tests in parallel.
 */
@API(status = INTERNAL, since = "0.1")
public final class ResultRecorder implements TestExecutionListener {
    private static final int MAX_MESSAGE_LINES = 25;
    private static final int MAX_MESSAGE_CHARS = 4000;

    private final List<TestRecord> records = new CopyOnWriteArrayList<>();
    private final List<Consumer<TestRecord>> observers = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> tckEntries = new ConcurrentHashMap<>();
    private final Map<String, StringBuilder> otherEntries = new ConcurrentHashMap<>();
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final Map<String, List<String>> idCache = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    /** Calls {@code observer} with each record as soon as it is made (for progress output). */
    public ResultRecorder onRecord(Consumer<TestRecord> observer) {
        observers.add(observer);
        return this;
    }

    /** Every record so far, in the order the results arrived. */
    public List<TestRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((key, value) -> {
            if (key.startsWith("mvmqtt.")) {
                tckEntries
                        .computeIfAbsent(id.getUniqueId(), k -> new ConcurrentHashMap<>())
                        .put(key, value);
            } else {
                StringBuilder text = otherEntries.computeIfAbsent(id.getUniqueId(), k -> new StringBuilder());
                synchronized (text) {
                    text.append(key).append(" = ").append(value).append('\n');
                }
            }
        });
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        startedNanos.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        add(build(
                id,
                Outcome.SKIPPED,
                reason == null || reason.isBlank() ? "skipped (no reason given)" : reason,
                null,
                Duration.ZERO));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long start = startedNanos.remove(id.getUniqueId());
        Duration duration = start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        Optional<Throwable> thrown = result.getThrowable();
        switch (result.getStatus()) {
            case SUCCESSFUL:
                if (id.isTest()) {
                    add(build(id, Outcome.PASSED, null, null, duration));
                }
                break;
            case ABORTED:
                add(build(
                        id,
                        Outcome.ABORTED,
                        thrown.map(ResultRecorder::abortReason).orElse("aborted (no reason given)"),
                        null,
                        duration));
                break;
            case FAILED:
            default:
                add(build(id, Outcome.FAILED, null, thrown.orElse(null), duration));
                break;
        }
    }

    private void add(TestRecord record) {
        records.add(record);
        for (Consumer<TestRecord> observer : observers) {
            observer.accept(record);
        }
    }

    private TestRecord build(TestIdentifier id, Outcome outcome, String reason, Throwable failure, Duration duration) {
        boolean container = !id.isTest();
        String className = null;
        String methodName = null;
        MethodSource method = methodSource(id);
        if (method != null) {
            className = method.getClassName();
            methodName = method.getMethodName();
        } else {
            ClassSource cls = classSource(id);
            if (cls != null) {
                className = cls.getClassName();
            }
        }
        List<String> ids = container ? containerIds(id) : methodIds(method, className);
        Map<String, String> where = entriesFor(id);
        String other = otherText(id);

        String message = null;
        String counterexample = null;
        String seed = noneToNull(where.get(TckReportKeys.SEED));
        if (failure != null) {
            message = failureMessage(failure);
            String jqwikText = other + "\n" + (failure.getMessage() == null ? "" : failure.getMessage());
            counterexample = JqwikReport.counterexample(jqwikText);
            if (seed == null) {
                seed = JqwikReport.seed(jqwikText);
            }
        } else if (outcome == Outcome.FAILED) {
            message = "failed (no exception given)";
        }
        if (seed == null && !other.isEmpty()) {
            seed = JqwikReport.seed(other);
        }

        return new TestRecord(
                Redactor.redact(testName(id, className, methodName)),
                className,
                methodName,
                Redactor.redact(id.getDisplayName()),
                id.getUniqueId(),
                ids,
                where.get(TckReportKeys.TARGET),
                typed(where.get(TckReportKeys.BROKER), BrokerFamily::ofId),
                typed(where.get(TckReportKeys.MQTT_VERSION), MqttVersion::parse),
                typed(where.get(TckReportKeys.TRANSPORT), Transport::ofId),
                typed(where.get(TckReportKeys.PROVISIONING), Provisioning::ofId),
                Redactor.redact(noneToNull(where.get(TckReportKeys.BROKER_VERSION))),
                outcome,
                Redactor.redact(reason),
                duration,
                Redactor.redact(message),
                Redactor.redact(counterexample),
                seed,
                container,
                violatedIds(failure));
    }

    /**
     * The rule ids a failure names as a value: those of the first {@link RuleViolation} in its cause chain (a
     * jqwik property or a helper may wrap it). Empty when it names none, and then the failure is blamed on every id
     * of the test ({@link TestRecord#blamedIds()}); the message text is never searched for ids.
     */
    static List<String> violatedIds(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof RuleViolation violation) {
                return violation.ruleIds();
            }
        }
        return List.of();
    }

    /** Report entries say {@code none} where a key does not apply; the record keeps null for seed and version. */
    private static String noneToNull(String value) {
        return value == null || value.isBlank() || value.equals("none") ? null : value;
    }

    /** A report entry's value as its type, parsed here once; null where the key does not apply. */
    private static <T> T typed(String value, Function<String, T> parse) {
        String v = noneToNull(value);
        return v == null ? null : parse.apply(v);
    }

    // ---- where: report entries of the node, else of its nearest ancestor that published them ----

    private Map<String, String> entriesFor(TestIdentifier id) {
        Map<String, String> merged = new HashMap<>();
        List<TestIdentifier> chain = ancestry(id);
        Collections.reverse(chain); // root first, so nearer nodes win
        for (TestIdentifier node : chain) {
            Map<String, String> own = tckEntries.get(node.getUniqueId());
            if (own != null) {
                merged.putAll(own);
            }
        }
        return merged;
    }

    private String otherText(TestIdentifier id) {
        StringBuilder text = otherEntries.get(id.getUniqueId());
        if (text == null) {
            return "";
        }
        synchronized (text) {
            return text.toString();
        }
    }

    /** The node and its ancestors, nearest first. */
    private List<TestIdentifier> ancestry(TestIdentifier id) {
        List<TestIdentifier> chain = new ArrayList<>();
        TestIdentifier node = id;
        while (node != null) {
            chain.add(node);
            TestPlan p = plan;
            if (p == null) {
                break;
            }
            node = p.getParent(node).orElse(null);
        }
        return chain;
    }

    private MethodSource methodSource(TestIdentifier id) {
        for (TestIdentifier node : ancestry(id)) {
            Optional<TestSource> source = node.getSource();
            if (source.isPresent() && source.get() instanceof MethodSource) {
                return (MethodSource) source.get();
            }
            if (source.isPresent() && source.get() instanceof ClassSource) {
                return null;
            }
        }
        return null;
    }

    private static ClassSource classSource(TestIdentifier id) {
        return id.getSource()
                .filter(ClassSource.class::isInstance)
                .map(ClassSource.class::cast)
                .orElse(null);
    }

    // ---- ids: @Asserts on the method, else on the class or an enclosing class ----

    private List<String> methodIds(MethodSource source, String className) {
        if (source == null) {
            return className == null ? List.of() : classIds(className);
        }
        String key =
                source.getClassName() + "#" + source.getMethodName() + "(" + source.getMethodParameterTypes() + ")";
        return idCache.computeIfAbsent(key, k -> {
            Class<?> type = load(source.getClassName());
            if (type == null) {
                return List.of();
            }
            Method method = findMethod(type, source.getMethodName(), source.getMethodParameterTypes());
            if (method != null && method.isAnnotationPresent(Asserts.class)) {
                return List.of(method.getAnnotation(Asserts.class).value());
            }
            return classIds(type);
        });
    }

    private List<String> classIds(String className) {
        Class<?> type = load(className);
        return type == null ? List.of() : classIds(type);
    }

    private static List<String> classIds(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Asserts asserts = c.getAnnotation(Asserts.class);
            if (asserts != null) {
                return List.of(asserts.value());
            }
        }
        for (Class<?> c = type.getSuperclass(); c != null && c != Object.class; c = c.getSuperclass()) {
            Asserts asserts = c.getAnnotation(Asserts.class);
            if (asserts != null) {
                return List.of(asserts.value());
            }
        }
        return List.of();
    }

    /** For a container: its own ids and those of every test below it (known from the plan or by reflection). */
    private List<String> containerIds(TestIdentifier id) {
        Set<String> ids = new LinkedHashSet<>();
        MethodSource method = id.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .orElse(null);
        if (method != null) {
            ids.addAll(methodIds(method, method.getClassName()));
        }
        ClassSource cls = classSource(id);
        if (cls != null) {
            Class<?> type = load(cls.getClassName());
            if (type != null) {
                ids.addAll(classIds(type));
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Method m : c.getDeclaredMethods()) {
                        Asserts asserts = m.getAnnotation(Asserts.class);
                        if (asserts != null) {
                            ids.addAll(Arrays.asList(asserts.value()));
                        }
                    }
                }
            }
        }
        TestPlan p = plan;
        if (p != null) {
            for (TestIdentifier d : p.getDescendants(id)) {
                d.getSource()
                        .filter(MethodSource.class::isInstance)
                        .map(MethodSource.class::cast)
                        .ifPresent(ms -> ids.addAll(methodIds(ms, ms.getClassName())));
            }
        }
        return List.copyOf(ids);
    }

    private static Class<?> load(String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, false, loader != null ? loader : ResultRecorder.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Method findMethod(Class<?> type, String name, String parameterTypes) {
        String wanted = parameterTypes == null ? "" : parameterTypes.replaceAll("\\s", "");
        Method byName = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.getName().equals(name)) {
                    continue;
                }
                String names = String.join(
                        ",",
                        Arrays.stream(m.getParameterTypes()).map(Class::getName).toList());
                String typeNames = String.join(
                        ",",
                        Arrays.stream(m.getParameterTypes())
                                .map(Class::getTypeName)
                                .toList());
                if (names.equals(wanted) || typeNames.equals(wanted)) {
                    return m;
                }
                if (byName == null
                        || (!byName.isAnnotationPresent(Asserts.class) && m.isAnnotationPresent(Asserts.class))) {
                    byName = m;
                }
            }
        }
        return byName;
    }

    // ---- texts ----

    private String testName(TestIdentifier id, String className, String methodName) {
        StringBuilder name = new StringBuilder();
        if (className != null) {
            name.append(className.substring(className.lastIndexOf('.') + 1));
            if (methodName != null) {
                name.append('#').append(methodName);
            }
        }
        String display = id.getDisplayName();
        boolean displayIsMethod =
                methodName != null && (display.equals(methodName) || display.startsWith(methodName + "("));
        boolean displayIsClass = methodName == null
                && className != null
                && (display.equals(className)
                        || className.endsWith("." + display)
                        || className.endsWith("$" + display));
        if (name.length() == 0) {
            name.append(display);
        } else if (!displayIsMethod && !displayIsClass) {
            boolean bracketed = display.startsWith("[") && display.endsWith("]");
            name.append(' ').append(bracketed ? display : "[" + display + "]");
        }
        return name.toString();
    }

    static String abortReason(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        m = m.strip();
        if (m.startsWith("Assumption failed: ")) {
            m = m.substring("Assumption failed: ".length());
        }
        return limit(m);
    }

    /** The failure's message, its first lines, with the type when it is not an assertion error and no stack trace. */
    static String failureMessage(Throwable t) {
        StringBuilder out = new StringBuilder();
        String m = t.getMessage();
        if (!(t instanceof AssertionError)) {
            out.append(t.getClass().getName());
            if (m != null && !m.isBlank()) {
                out.append(": ");
            }
        }
        if (m != null) {
            out.append(m.strip());
        } else if (t instanceof AssertionError) {
            out.append(t.getClass().getName());
        }
        Throwable cause = t.getCause();
        int depth = 0;
        while (cause != null && cause != t && depth++ < 3) {
            String cm = cause.getMessage();
            out.append("\nCaused by: ").append(cause.getClass().getName());
            if (cm != null && !cm.isBlank()) {
                out.append(": ").append(cm.strip().lines().findFirst().orElse(""));
            }
            cause = cause.getCause();
        }
        return limit(out.toString());
    }

    private static String limit(String text) {
        List<String> lines = text.lines().toList();
        String joined = lines.size() > MAX_MESSAGE_LINES
                ? String.join("\n", lines.subList(0, MAX_MESSAGE_LINES)) + "\n... ("
                        + (lines.size() - MAX_MESSAGE_LINES) + " more lines)"
                : String.join("\n", lines);
        return joined.length() > MAX_MESSAGE_CHARS ? joined.substring(0, MAX_MESSAGE_CHARS) + " ..." : joined;
    }

    /** Counts by outcome, for summaries. */
    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(
                    o,
                    records.stream()
                            .filter(r -> r.outcome() == o && !r.container())
                            .count());
        }
        return counts;
    }
}
