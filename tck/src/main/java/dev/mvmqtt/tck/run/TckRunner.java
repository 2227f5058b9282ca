package dev.mvmqtt.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import dev.mvmqtt.spec.api.MicrovisorProvider;
import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.junit.TargetTests;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the TCK in this JVM with the JUnit Platform Launcher: every test in {@value #TESTS_PACKAGE} (or the
 * selected classes and methods), with the given {@link TckSettings} installed for the run, a
 * {@link ResultRecorder} collecting the results and a {@link ProgressPrinter} printing progress per target.
 *
 * <p>Targets run at once, {@link TckSettings#parallelism()} of them (they share nothing but the JVM: every test
 * uses topics and client ids of its own): each target's broker tests run in a launcher of their own, in one
 * thread, and the tests that need no target of their own (device tests, jqwik properties) run in another,
 * alongside. The records are the same as one launcher running everything would make, in part order.
 *
 * <p>The implementation under test is found through the thread's context class loader, as the tests find
 * it: a caller that adds a jar sets the context class loader before {@link #run()}.
 *
 * <pre>{@code
 * TckRunResult result = TckRunner.builder(TckSettings.fromSystemProperties()).progress(System.out).build().run();
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class TckRunner {
    /** The package that holds the conformance tests. */
    public static final String TESTS_PACKAGE = "dev.mvmqtt.tck.tests";

    private final TckSettings settings;
    private final PrintStream progress;
    private final List<DiscoverySelector> selectors;
    private final List<String> classPatterns;
    private final Map<String, String> configuration;
    private final List<PostDiscoveryFilter> filters;

    private TckRunner(Builder b) {
        this.settings = b.settings;
        this.progress = b.progress;
        this.selectors = b.selectors.isEmpty()
                ? List.of(DiscoverySelectors.selectPackage(TESTS_PACKAGE))
                : List.copyOf(b.selectors);
        this.classPatterns = List.copyOf(b.classPatterns);
        this.configuration = Map.copyOf(b.configuration);
        this.filters = List.copyOf(b.filters);
    }

    /** A runner for these settings; by default every test of {@value #TESTS_PACKAGE}, progress to nowhere. */
    public static Builder builder(TckSettings settings) {
        return new Builder(settings);
    }

    /**
     * Runs the selected tests with the settings installed, and returns what happened.
     *
     * @throws IllegalStateException when the implementation cannot be found (none, several, or not the named one)
     */
    public TckRunResult run() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        MicrovisorProvider provider = settings.provider();
        ProgressPrinter printer = new ProgressPrinter(progress);

        List<RunPart> parts = new ArrayList<>();
        parts.add(RunPart.device(settings));
        settings.targets().forEach(t -> parts.add(RunPart.target(settings, t)));
        printHeader(printer, provider);

        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        Path jqwikDatabase = ownJqwikDatabase();
        Map<RunPart, List<TestRecord>> recordsByPart = new ConcurrentHashMap<>();
        TckSettings.runWith(settings, () -> runParts(parts, printer, jqwikDatabase, loader, recordsByPart));
        Instant finished = Instant.now();
        Thread.currentThread().setContextClassLoader(loader);
        deleteQuietly(jqwikDatabase);

        List<TestRecord> records = new ArrayList<>();
        parts.forEach(p -> records.addAll(recordsByPart.getOrDefault(p, List.of())));
        printer.runFinished(Duration.ofNanos(System.nanoTime() - startNanos));
        return new TckRunResult(
                provider.name(),
                provider.version(),
                provider.getClass().getName(),
                settings,
                started,
                finished,
                records,
                targetSummaries(records),
                BrokerPool.testcontainersDecision(settings));
    }

    private void printHeader(ProgressPrinter printer, MicrovisorProvider provider) {
        printer.println("Certifying " + provider.name() + " " + provider.version() + " ("
                + provider.getClass().getName()
                + ") on " + settings.targets().stream().map(TargetId::id).collect(Collectors.joining(", "))
                + "; provisioning " + settings.provisioning().id() + ", profile "
                + settings.profile().id());
        printer.println("Running " + settings.targets().size() + " target(s), " + settings.parallelism()
                + " at a time (" + TckSettings.PARALLELISM + "), "
                + (settings.onePartAtATime() ? "then the " : "next to the ") + ProgressPrinter.DEVICE_PART);
    }

    /**
     * jqwik's database of earlier failures, a file of this run's own unless one is configured (null then): runs at
     * once (in one JVM, or several on a machine) must not read each other's half-written files, nor one
     * implementation's failures steer the samples another's run tries first.
     */
    private Path ownJqwikDatabase() {
        return System.getProperty("jqwik.database") == null && !configuration.containsKey("jqwik.database")
                ? temporaryFile("mvmqtt-tck-", ".jqwik-database")
                : null;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: left for the system to clear
        }
    }

    /** Runs every part, targets {@code settings.parallelism()} at a time, next to the device part. */
    private void runParts(
            List<RunPart> parts,
            ProgressPrinter printer,
            Path jqwikDatabase,
            ClassLoader loader,
            Map<RunPart, List<TestRecord>> recordsByPart) {
        // One session around every part keeps the shared broker pool (and its brokers) for the whole run.
        try (LauncherSession session = LauncherFactory.openSession()) {
            ExecutorService targets =
                    Executors.newFixedThreadPool(settings.parallelism(), threads("mvmqtt-tck-target", loader));
            // Parallelism 1 given means one part at a time, the device tests included: an implementation that is one
            // device per process (a C library behind the native bridge) cannot have two devices open at once.
            ExecutorService device = settings.onePartAtATime()
                    ? targets
                    : Executors.newSingleThreadExecutor(threads("mvmqtt-tck-device", loader));
            try {
                List<Future<?>> running = new ArrayList<>();
                for (RunPart part : parts) {
                    ExecutorService on = part.targetId().isPresent() ? targets : device;
                    running.add(on.submit(() -> recordsByPart.put(part, runPart(part, printer, jqwikDatabase))));
                }
                for (Future<?> f : running) {
                    awaitPart(f);
                }
            } finally {
                targets.shutdownNow();
                device.shutdownNow();
            }
        }
    }

    /** Each selected target's summary; the ones that could not be used are printed with why. */
    private List<TargetSummary> targetSummaries(List<TestRecord> records) {
        List<String> selected = settings.targets().stream().map(TargetId::id).toList();
        List<TargetSummary> targets = TargetSummary.of(selected, records).stream()
                .map(this::withContainerImage)
                .toList();
        for (TargetSummary t : targets) {
            if (!t.available()) {
                progress.println("[" + t.target() + "] "
                        + t.availability().name().toLowerCase().replace('_', ' ') + ": " + t.reason());
            }
        }
        return targets;
    }

    /** The summary with the image its broker ran in, for a target Testcontainers served (asked once, here). */
    private TargetSummary withContainerImage(TargetSummary t) {
        if (!t.available() || t.provisioning() != Provisioning.TESTCONTAINERS || t.broker() == null) {
            return t;
        }
        return BrokerPool.containerImage(t.broker(), settings)
                .map(t::withContainerImage)
                .orElse(t);
    }

    /**
     * jqwik keeps engine state in static fields (its store repository): two of its executions at once in one JVM
     * can fail each other (seen in the kit's build, which runs several TCK runs side by side: a NullPointerException
     * in jqwik's StoreRepository, a ConcurrentModificationException in a stateful property). Its executions take
     * turns; JUnit Jupiter's tests do not wait for them.
     */
    private static final ReentrantLock JQWIK_EXECUTION = new ReentrantLock(true);

    /** Runs one part with a launcher of its own; its records, with run-wide unique ids. */
    private List<TestRecord> runPart(RunPart part, ProgressPrinter printer, Path jqwikDatabase) {
        long partStart = System.nanoTime();
        ResultRecorder recorder = new ResultRecorder();
        recorder.onRecord(r -> printer.record(part.name(), r));

        if (part.targetId().isPresent()) {
            // a target's tests are JUnit Jupiter's; the properties run in the device part
            LauncherFactory.create()
                    .execute(
                            request(part, jqwikDatabase)
                                    .configurationParameter(
                                            TargetTests.RUN_TARGET,
                                            part.targetId().get().id())
                                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                                    .build(),
                            recorder);
        } else {
            LauncherFactory.create()
                    .execute(
                            request(part, jqwikDatabase)
                                    .filters(EngineFilter.excludeEngines("jqwik"))
                                    .build(),
                            recorder);
            JQWIK_EXECUTION.lock();
            try {
                LauncherFactory.create()
                        .execute(
                                request(part, jqwikDatabase)
                                        .filters(EngineFilter.includeEngines("jqwik"))
                                        .build(),
                                recorder);
            } finally {
                JQWIK_EXECUTION.unlock();
            }
        }

        printer.partFinished(part.name(), Duration.ofNanos(System.nanoTime() - partStart));
        return recorder.records().stream().map(part::withRunWideId).toList();
    }

    /** The discovery request of one part: the run's selection and configuration, this part's filter. */
    private LauncherDiscoveryRequestBuilder request(RunPart part, Path jqwikDatabase) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(part)
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                // A failing property shrinks its sample for the report. jqwik's own bound is 10 s of shrinking per
                // property, nearly all of it CPU spent measuring candidate samples (a profile of the kit's build:
                // 43% of its test CPU); 3 s still shrinks a payload or an action sequence most of the way, and a
                // run's configuration may set another bound (or jqwik.shrinking.default).
                .configurationParameter("jqwik.shrinking.bounded.seconds", "3");
        if (jqwikDatabase != null) {
            request.configurationParameter("jqwik.database", jqwikDatabase.toString());
        }
        configuration.forEach(request::configurationParameter);
        if (!filters.isEmpty()) {
            request.filters(filters.toArray(PostDiscoveryFilter[]::new));
        }
        if (!classPatterns.isEmpty()) {
            request.filters(ClassNameFilter.includeClassNamePatterns(classPatterns.toArray(String[]::new)));
        }
        return request;
    }

    private static Path temporaryFile(String prefix, String suffix) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            Files.delete(file); // jqwik creates it; an empty file is not a database
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for jqwik's database", e);
        }
    }

    private static ThreadFactory threads(String name, ClassLoader loader) {
        AtomicInteger n = new AtomicInteger();
        return run -> {
            Thread t = new Thread(run, name + "-" + n.incrementAndGet());
            t.setContextClassLoader(loader);
            t.setDaemon(true);
            return t;
        };
    }

    private static void awaitPart(Future<?> part) {
        try {
            part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the TCK ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Builds a {@link TckRunner}. */
    public static final class Builder {
        private final TckSettings settings;
        private PrintStream progress = new PrintStream(OutputStream.nullOutputStream());
        private final List<DiscoverySelector> selectors = new ArrayList<>();
        private final List<String> classPatterns = new ArrayList<>();
        private final Map<String, String> configuration = new LinkedHashMap<>();
        private final List<PostDiscoveryFilter> filters = new ArrayList<>();

        private Builder(TckSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Where progress lines go. */
        public Builder progress(PrintStream out) {
            this.progress = Objects.requireNonNull(out, "progress");
            return this;
        }

        /** Runs these selectors instead of the whole {@value #TESTS_PACKAGE} package. */
        public Builder select(DiscoverySelector... more) {
            selectors.addAll(List.of(more));
            return this;
        }

        /** Runs only this method ({@code fully.qualified.Class#method}); may be given several times. */
        public Builder method(String classAndMethod) {
            return select(DiscoverySelectors.selectMethod(classAndMethod));
        }

        /** Runs only this class; may be given several times. */
        public Builder testClass(String className) {
            return select(DiscoverySelectors.selectClass(className));
        }

        /** Keeps only test classes whose fully qualified name matches one of these regular expressions. */
        public Builder includeClasses(String... patterns) {
            classPatterns.addAll(List.of(patterns));
            return this;
        }

        /** Keeps only the tests naming one of these catalogue rule ids ({@code @Asserts}). */
        public Builder rules(Collection<String> ruleIds) {
            filters.add(TestSelection.rules(ruleIds));
            return this;
        }

        /**
         * Runs only these test classes or methods: {@code Class} or {@code Class#method}, fully qualified or by
         * simple name in {@value #TESTS_PACKAGE}.
         *
         * @throws IllegalArgumentException for a name that matches no TCK test
         */
        public Builder tests(Collection<String> specs) {
            selectors.addAll(TestSelection.tests(specs));
            return this;
        }

        /** A JUnit Platform configuration parameter for the run. */
        public Builder configuration(String key, String value) {
            configuration.put(key, value);
            return this;
        }

        public TckRunner build() {
            return new TckRunner(this);
        }
    }
}
