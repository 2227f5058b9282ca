package dev.mvmqtt.tck.junit;

import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.broker.TargetStatus;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import net.jqwik.api.Reporter;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.ParameterResolutionContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.ResolveParameterHook;
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * The broker target of a jqwik property. jqwik properties cannot take a {@link TckTarget} parameter (that is a
 * {@link TargetTest} feature), so a property that needs a broker asks for one here, typically once per property
 * in a {@code @BeforeProperty} method:
 *
 * <pre>{@code
 * @AddLifecycleHook(PropertyTarget.Resolver.class)
 * class RoundTripPropertyTests {
 *     @BeforeProperty
 *     void open(PropertyTarget property) {    // resolved by PropertyTarget.Resolver
 *         target = property.target();
 *         firmware = Firmware.start(target);
 *     }
 * }
 * }</pre>
 *
 * (jqwik 1.9.3 does not inject a {@link PropertyLifecycleContext} into {@code @BeforeProperty} methods, hence the
 * {@link Resolver}; a lifecycle hook that has the context may call {@link #forProperty} directly.)
 *
 * The property gets the <em>first</em> selected target ({@link TckSettings#targets()}, in selection order,
 * optionally filtered) whose broker is available; brokers are started on demand through {@link BrokerPool#shared()},
 * in order, and no further once one is available. The target's report entry (every key of
 * {@link dev.mvmqtt.tck.TckReportKeys}, see {@link ReportEntries#forTarget}) is published through jqwik's
 * {@link Reporter#publishValue(String, String)}, one JUnit report entry per key, which the result recorder merges.
 * When no selected target is available the property is aborted ({@link TestAbortedException}) with the reason.
 *
 * <p>{@link #forProperty(PropertyLifecycleContext, Predicate)} also applies the profile: in the {@code must}
 * profile a property that checks only reference rules ({@link ReferenceRule}, or every id of its
 * {@link dev.mvmqtt.tck.Asserts} at level {@code reference}) is aborted with {@link ReferenceRule#SKIP_REASON}.
 */
public final class PropertyTarget {
    private final TargetStatus status;
    private final TckTarget target;

    private PropertyTarget(TargetStatus status, TckTarget target) {
        this.status = status;
        this.target = target;
    }

    /** The first selected available target, for the property of {@code context}; see the class comment. */
    public static PropertyTarget forProperty(PropertyLifecycleContext context) {
        return forProperty(context, t -> true);
    }

    /** The first selected available target that {@code filter} admits, for the property of {@code context}. */
    public static PropertyTarget forProperty(PropertyLifecycleContext context, Predicate<TargetId> filter) {
        Objects.requireNonNull(context, "context");
        TckSettings settings = TckSettings.current();
        if (settings.profile() == Profile.MUST && isReferenceRule(context.targetMethod(), context.containerClass())) {
            throw new TestAbortedException(ReferenceRule.SKIP_REASON);
        }
        return first(context.reporter(), settings, filter);
    }

    /** The first selected available target of the current settings, without the profile check. */
    public static PropertyTarget first(Reporter reporter, Predicate<TargetId> filter) {
        return first(reporter, TckSettings.current(), filter);
    }

    /**
     * The first target of {@code settings.targets()} that {@code filter} admits and whose broker is available; its
     * entry is published through {@code reporter}. Aborts when none is available (publishing the entry of the first
     * unavailable one, so the record names where it was tried).
     */
    public static PropertyTarget first(Reporter reporter, TckSettings settings, Predicate<TargetId> filter) {
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(filter, "filter");
        List<TargetId> candidates = settings.targets().stream().filter(filter).toList();
        if (candidates.isEmpty()) {
            throw new TestAbortedException("no selected target matches this property; selected: " + settings.targets());
        }
        TargetStatus firstUnavailable = null;
        for (TargetId id : candidates) {
            TargetStatus s = BrokerPool.shared().status(id, settings);
            if (s.isAvailable()) {
                publish(reporter, s);
                return new PropertyTarget(s, new TckTarget(id, s.broker().orElseThrow(), settings));
            }
            if (firstUnavailable == null) {
                firstUnavailable = s;
            }
        }
        publish(reporter, firstUnavailable);
        StringBuilder reason = new StringBuilder("no selected target available:");
        for (TargetId id : candidates) {
            reason.append(" target ")
                    .append(id.id())
                    .append(" unavailable: ")
                    .append(BrokerPool.shared()
                            .status(id, settings)
                            .unavailableReason()
                            .orElse("?"))
                    .append(';');
        }
        throw new TestAbortedException(reason.toString());
    }

    /** Publishes {@link ReportEntries#forTarget(TargetStatus)}, one value per key (one JUnit report entry each). */
    public static void publish(Reporter reporter, TargetStatus status) {
        for (Map.Entry<String, String> e : ReportEntries.forTarget(status).entrySet()) {
            reporter.publishValue(e.getKey(), e.getValue());
        }
    }

    private static boolean isReferenceRule(Method method, Class<?> testClass) {
        if (AnnotationSupport.isAnnotated(method, ReferenceRule.class)) {
            return true;
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, ReferenceRule.class)) {
                return true;
            }
        }
        return ProfileCondition.onlyReferenceIds(method, testClass);
    }

    /**
     * The jqwik side of {@link PropertyTarget}; register it with {@code @AddLifecycleHook(PropertyTarget.Resolver.class)}
     * on the class (it propagates to every property of the class):
     * <ul>
     * <li>resolves a {@link PropertyTarget} parameter of a lifecycle method ({@code @BeforeProperty}) or property with
     * {@link #forProperty(PropertyLifecycleContext)} (each resolution selects and reports again: resolve it once per
     * property);</li>
     * <li>skips the property, with {@link ReferenceRule#SKIP_REASON}, in the {@code must} profile when it checks only
     * reference rules (jqwik reports a {@link TestAbortedException} from a lifecycle method as a failure, so the
     * profile is applied before the property runs);</li>
     * <li>reports a property whose execution ended with a {@link TestAbortedException} (no target available) as
     * aborted, not failed.</li>
     * </ul>
     */
    public static final class Resolver implements ResolveParameterHook, SkipExecutionHook, AroundPropertyHook {
        @Override
        public Optional<ParameterSupplier> resolve(
                ParameterResolutionContext parameterContext, LifecycleContext lifecycleContext) {
            if (!parameterContext.typeUsage().isOfType(PropertyTarget.class)
                    || !(lifecycleContext instanceof PropertyLifecycleContext)) {
                return Optional.empty();
            }
            PropertyLifecycleContext property = (PropertyLifecycleContext) lifecycleContext;
            return Optional.of(optionalTry -> first(property.reporter(), TckSettings.current(), t -> true));
        }

        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (context instanceof PropertyLifecycleContext property
                    && TckSettings.current().profile() == Profile.MUST
                    && isReferenceRule(property.targetMethod(), property.containerClass())) {
                return SkipResult.skip(ReferenceRule.SKIP_REASON);
            }
            return SkipResult.doNotSkip();
        }

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property)
                throws Throwable {
            PropertyExecutionResult result;
            try {
                result = property.execute();
            } catch (Throwable thrown) {
                // An exception of a @BeforeProperty method escapes the executor.
                TestAbortedException aborted = abortIn(thrown);
                if (aborted == null) {
                    throw thrown;
                }
                return new Result(PropertyExecutionResult.Status.ABORTED, aborted);
            }
            if (result.status() == PropertyExecutionResult.Status.FAILED) {
                TestAbortedException aborted = abortIn(result.throwable().orElse(null));
                if (aborted != null) {
                    return result.mapToAborted(aborted);
                }
            }
            return result;
        }

        private static TestAbortedException abortIn(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t instanceof TestAbortedException a) {
                    return a;
                }
            }
            return null;
        }

        /** Outside the {@code @BeforeProperty}/{@code @AfterProperty} methods (jqwik runs those at -10). */
        @Override
        public int aroundPropertyProximity() {
            return -100;
        }

        @Override
        public PropagationMode propagateTo() {
            return PropagationMode.ALL_DESCENDANTS;
        }
    }

    /** A property result made here: the property never ran (aborted before its first try). */
    private record Result(PropertyExecutionResult.Status status, Throwable cause) implements PropertyExecutionResult {
        @Override
        public Optional<String> seed() {
            return Optional.empty();
        }

        @Override
        public Optional<List<Object>> falsifiedParameters() {
            return Optional.empty();
        }

        @Override
        public Optional<Throwable> throwable() {
            return Optional.ofNullable(cause);
        }

        @Override
        public int countChecks() {
            return 0;
        }

        @Override
        public int countTries() {
            return 0;
        }

        @Override
        public Optional<FalsifiedSample> originalSample() {
            return Optional.empty();
        }

        @Override
        public Optional<ShrunkFalsifiedSample> shrunkSample() {
            return Optional.empty();
        }

        @Override
        public PropertyExecutionResult mapTo(PropertyExecutionResult.Status newStatus, Throwable newThrowable) {
            return new Result(newStatus, newThrowable);
        }
    }

    /** The target's status (available). */
    public TargetStatus status() {
        return status;
    }

    /** The target, as a {@link TargetTest} method would get it. */
    public TckTarget target() {
        return target;
    }

    @Override
    public String toString() {
        return "PropertyTarget{" + status + "}";
    }
}
