package dev.mvmqtt.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MicrovisorProvider;
import dev.mvmqtt.spec.api.Microvisors;
import dev.mvmqtt.tck.TckTestIndex;
import dev.mvmqtt.tck.broken.table.BreakTable;
import dev.mvmqtt.tck.broken.table.TableBrokenProvider;
import dev.mvmqtt.tck.conformance.RunSummary;
import dev.mvmqtt.tck.run.Availability;
import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TargetSummary;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TckRunner;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The kit proves its power: the whole TCK runs against every deliberately broken implementation registered in
 * {@code META-INF/services/dev.mvmqtt.spec.api.MicrovisorProvider} (on the targets it declares, docker-free,
 * strict profile), and each run must fail a test that names a catalogue id the implementation violates. Which
 * tests caught it is printed, and every run's records go to {@code target/tck-broken/<name>.txt}.
 *
 * <p>By default each run is restricted to the TCK tests that name one of the ids the implementation violates
 * (found with {@link TckTestIndex}): a whole TCK run per broken implementation takes about a minute on one target,
 * too long for twenty of them in the build. {@code -Dmvmqtt.broken.scope=full} runs the whole TCK against each
 * instead. {@code -Dmvmqtt.broken.only=REGEX} runs only the broken implementations whose name matches.
 */
@Execution(ExecutionMode.CONCURRENT) // a TCK run: waits mostly, so it runs next to the others (tck/pom.xml)
class BrokenImplementationsTest {
    static final Path RECORDS = Path.of("target", "tck-broken");
    static final boolean FULL = "full".equalsIgnoreCase(System.getProperty("mvmqtt.broken.scope", "ids"));

    /** The hand-written broken implementations (the break table's rows are run one by one, see {@link BreakTable}). */
    static List<BrokenProvider> brokenProviders() {
        return Microvisors.all(Thread.currentThread().getContextClassLoader()).stream()
                .filter(BrokenProvider.class::isInstance)
                .filter(p -> !(p instanceof TableBrokenProvider))
                .map(BrokenProvider.class::cast)
                .sorted(Comparator.comparing(MicrovisorProvider::name))
                .toList();
    }

    @Test
    void atLeastFifteenBrokenImplementationsAreRegisteredEachNamingKnownIds() {
        List<BrokenProvider> broken = brokenProviders();
        assertThat(broken).hasSizeGreaterThanOrEqualTo(15);
        assertThat(broken)
                .extracting(MicrovisorProvider::name)
                .doesNotHaveDuplicates()
                .allMatch(n -> n.startsWith("broken-"));
        var catalogue = dev.mvmqtt.spec.catalogue.Catalogue.load();
        for (BrokenProvider p : broken) {
            assertThat(p.violates())
                    .as("ids %s violates", p.name())
                    .isNotEmpty()
                    .allMatch(id -> catalogue.byId(id).isPresent());
        }
    }

    @Test
    void everyRowOfTheBreakTableBreaksAKnownRule() {
        // must rules are what the proof is about; a row may also prove a reference rule (strict fails on deviations)
        var catalogue = dev.mvmqtt.spec.catalogue.Catalogue.load();
        for (String rule : BreakTable.rules()) {
            assertThat(catalogue.byId(rule))
                    .as("break table row %s: a catalogue rule", rule)
                    .isPresent();
            assertThat(BreakTable.NOT_BREAKABLE).as("break table row %s", rule).doesNotContainKey(rule);
        }
    }

    /** What the runs proved (rule id to implementation), and how many runs of a complete set are still to finish. */
    private static final Map<String, String> PROVEN = new ConcurrentSkipListMap<>();

    private static final AtomicInteger PENDING = new AtomicInteger(-1);

    @TestFactory
    Stream<DynamicTest> theTckRejectsEveryBrokenImplementation() {
        Pattern only = Pattern.compile(System.getProperty("mvmqtt.broken.only", ".*"));
        boolean all = only.pattern().equals(".*");
        List<BrokenProvider> handWritten = brokenProviders().stream()
                .filter(p -> only.matcher(p.name()).matches())
                .toList();
        List<String> keys = BreakTable.keys().stream()
                .filter(key -> only.matcher(BreakTable.rowsFor(key).get(0).implementationName())
                        .matches())
                .toList();
        // The runs may execute concurrently (the class is CONCURRENT): the proof is checked once all have finished.
        PENDING.set(all ? handWritten.size() + keys.size() : -1);
        Stream<DynamicTest> hand = handWritten.stream()
                .map(p -> DynamicTest.dynamicTest(
                        p.name() + " violates " + p.violates(), () -> finish(() -> record(p, rejects(p)))));
        Stream<DynamicTest> table = keys.stream()
                .map(key -> DynamicTest.dynamicTest(
                        BreakTable.rowsFor(key).get(0).implementationName() + " violates ["
                                + BreakTable.rowsFor(key).get(0).rule() + "]",
                        () -> finish(() -> {
                            TableBrokenProvider.activate(key);
                            try {
                                TableBrokenProvider p = new TableBrokenProvider();
                                record(p, rejects(p));
                            } finally {
                                TableBrokenProvider.activate(null);
                            }
                        })));
        return Stream.concat(hand, table);
    }

    private static void finish(Runnable run) {
        try {
            run.run();
        } finally {
            PENDING.decrementAndGet();
        }
    }

    /** Proof per rule, once every broken implementation of a complete run has been run (whatever their outcome). */
    @org.junit.jupiter.api.AfterAll
    static void everyMustRuleIsProvenByABrokenImplementation() {
        if (PENDING.get() == 0) {
            ProofPerRule.check(PROVEN);
        }
    }

    private static void record(BrokenProvider p, Set<String> caught) {
        String name = p instanceof TableBrokenProvider t ? t.label() : p.name();
        caught.forEach(id -> PROVEN.merge(id, name, (a, b) -> a.compareTo(b) <= 0 ? a : b));
    }

    /** Runs the TCK against {@code broken}; returns the violated ids a failed test was blamed on (never empty). */
    private static Set<String> rejects(BrokenProvider broken) {
        // From the system properties, so that -Dmvmqtt.timeoutFactor reaches this run too.
        TckSettings settings = TckSettings.fromSystemProperties().toBuilder()
                .implementation(broken.name())
                .targets(broken.targets())
                .provisioning(ProvisioningMode.DOCKER_FREE)
                .profile(Profile.STRICT)
                .build();
        TckRunResult result;
        if (FULL) {
            result = runner(settings).build().run();
        } else {
            List<TckTestIndex.TestMethod> naming = TckTestIndex.scan().naming(broken.violates());
            assertThat(naming)
                    .as("TCK tests naming %s (the rules %s breaks)", broken.violates(), broken.name())
                    .isNotEmpty();
            result = untilEveryRuleIsCaught(settings, broken.violates(), naming);
        }
        String label = broken instanceof TableBrokenProvider t ? t.label() : broken.name();
        RunSummary.write(result, RECORDS.resolve(label + ".txt"));

        List<TestRecord> failed = result.records().stream()
                .filter(r -> r.outcome() == Outcome.FAILED)
                .toList();
        List<TestRecord> caught = failed.stream()
                .filter(r -> r.blamedIds().stream().anyMatch(broken.violates()::contains))
                .toList();
        String caughtBy = caught.stream()
                .map(r -> r.className() == null
                        ? r.testName()
                        : simple(r.className()) + "#" + r.methodName() + " "
                                + r.blamedIds().stream()
                                        .filter(broken.violates()::contains)
                                        .toList())
                .distinct()
                .collect(Collectors.joining(", "));
        System.out.printf(
                Locale.ROOT,
                "%s (%s): %d failed of %d records in %.1f s; caught by %s%n",
                label,
                broken.violates(),
                failed.size(),
                result.records().size(),
                result.duration().toMillis() / 1000.0,
                caught.isEmpty() ? "NOTHING" : caughtBy);

        assertThat(result.targets().stream()
                        .filter(t -> broken.targets().stream().anyMatch(b -> b.id().equals(t.target()))))
                .as("targets %s must be available for %s", broken.targets(), label)
                .noneMatch(t -> t.availability() == Availability.UNAVAILABLE);
        assertThat(caught)
                .as(
                        "%s (%s) must fail a TCK test naming one of %s; failed instead: %s",
                        label,
                        broken.breaks(),
                        broken.violates(),
                        failed.stream()
                                .map(r -> r.testName() + " " + r.ids())
                                .distinct()
                                .toList())
                .isNotEmpty();
        return caught.stream()
                .flatMap(r -> r.blamedIds().stream())
                .filter(broken.violates()::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static TckRunner.Builder runner(TckSettings settings) {
        return TckRunner.builder(settings)
                .progress(new PrintStream(OutputStream.nullOutputStream()))
                // The proof needs a failure naming the rule, not the smallest sample that shows it.
                .configuration("jqwik.shrinking.default", "OFF");
    }

    /**
     * The tests naming the violated rules, one run each, those naming the most of them first and then the most
     * specific (fewest ids named), until every violated rule has been blamed or no test is left. A broken
     * implementation usually fails each of its tests by a timeout, so running the rest once every rule is caught
     * would only repeat the proof: the ids proven are those a run of them all proves, since the runs stop early
     * only when all are caught. The records are those of the tests that ran.
     */
    private static TckRunResult untilEveryRuleIsCaught(
            TckSettings settings, Set<String> violates, List<TckTestIndex.TestMethod> naming) {
        List<TckTestIndex.TestMethod> order = naming.stream()
                .sorted(Comparator.comparingLong((TckTestIndex.TestMethod t) ->
                                -t.ids().stream().filter(violates::contains).count())
                        .thenComparingInt(t -> t.ids().size())
                        .thenComparing(TckTestIndex.TestMethod::name))
                .toList();
        Set<String> uncaught = new TreeSet<>(violates);
        List<TckRunResult> runs = new ArrayList<>();
        for (TckTestIndex.TestMethod test : order) {
            TckRunResult run = runner(settings).select(selector(test)).build().run();
            runs.add(run);
            run.records().stream()
                    .filter(r -> r.outcome() == Outcome.FAILED)
                    .forEach(r -> uncaught.removeAll(r.blamedIds()));
            if (uncaught.isEmpty()) {
                break;
            }
        }
        TckRunResult first = runs.get(0);
        TckRunResult last = runs.get(runs.size() - 1);
        List<TestRecord> records =
                runs.stream().flatMap(r -> r.records().stream()).toList();
        List<String> selected = settings.targets().stream().map(TargetId::id).toList();
        return new TckRunResult(
                first.implementationName(),
                first.implementationVersion(),
                first.implementationClass(),
                settings,
                first.started(),
                last.finished(),
                records,
                TargetSummary.of(selected, records),
                last.testcontainers());
    }

    private static DiscoverySelector selector(TckTestIndex.TestMethod t) {
        Class<?> type = t.type();
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            List<Class<?>> enclosing = new ArrayList<>();
            for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
                enclosing.add(0, c);
            }
            return DiscoverySelectors.selectNestedMethod(enclosing, type, t.method());
        }
        return DiscoverySelectors.selectMethod(type, t.method());
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
