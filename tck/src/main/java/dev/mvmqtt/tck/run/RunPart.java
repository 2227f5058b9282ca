package dev.mvmqtt.tck.run;

import dev.mvmqtt.tck.junit.TargetTests;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * One part of a TCK run, run by a JUnit launcher of its own so that parts run at once: either one target's
 * {@link dev.mvmqtt.tck.junit.TargetTest}s, or everything else (device tests, jqwik properties, and the target tests
 * that run on no selected target, so that their skip is reported once). As a {@link PostDiscoveryFilter} it keeps
 * exactly the tests of its part.
 *
 * <p>A target part's template invocations are numbered from 1 by JUnit; {@link #withRunWideId} gives a record the
 * unique id the invocation has in a run on every selected target at once, so ids stay stable and unique.
 */
final class RunPart implements PostDiscoveryFilter {
    private static final String FIRST_INVOCATION = "/[test-template-invocation:#1]";

    private final TckSettings settings;
    private final TargetId target;
    /** Unique id of each kept test template: the number of this part's target among the targets it runs on. */
    private final Map<String, Integer> invocationNumbers = new ConcurrentHashMap<>();

    private RunPart(TckSettings settings, TargetId target) {
        this.settings = settings;
        this.target = target;
    }

    /** The part that runs every test needing no target of its own. */
    static RunPart device(TckSettings settings) {
        return new RunPart(settings, null);
    }

    /** The part that runs the target tests on {@code target}. */
    static RunPart target(TckSettings settings, TargetId target) {
        return new RunPart(settings, target);
    }

    /** The target, empty for the device part. */
    Optional<TargetId> targetId() {
        return Optional.ofNullable(target);
    }

    /** The name progress lines give this part. */
    String name() {
        return target == null ? ProgressPrinter.DEVICE_PART : target.id();
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<MethodSource> source =
                descriptor.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        if (source.isEmpty()) {
            return FilterResult.included("a container: kept while it holds tests of this part");
        }
        Method method;
        Class<?> testClass;
        try {
            testClass = source.get().getJavaClass();
            method = source.get().getJavaMethod();
        } catch (PreconditionViolationException notLoadable) {
            return target == null
                    ? FilterResult.included("not a target test")
                    : FilterResult.excluded("not a target test");
        }
        if (!TargetTests.isTargetTest(method)) {
            return target == null
                    ? FilterResult.included("not a target test")
                    : FilterResult.excluded("not a target test");
        }
        List<TargetId> runsOn = TargetTests.runsOn(method, testClass, settings);
        if (target == null) {
            return runsOn.isEmpty()
                    ? FilterResult.included("runs on no selected target: reported skipped once")
                    : FilterResult.excluded("runs in the target parts");
        }
        int index = runsOn.indexOf(target);
        if (index < 0) {
            return FilterResult.excluded("does not run on " + target.id());
        }
        invocationNumbers.put(descriptor.getUniqueId().toString(), index + 1);
        return FilterResult.included("runs on " + target.id());
    }

    /** {@code r} with the unique id its invocation has in a run on every selected target at once. */
    TestRecord withRunWideId(TestRecord r) {
        String id = r.uniqueId();
        if (target == null || id == null || !id.endsWith(FIRST_INVOCATION)) {
            return r;
        }
        String template = id.substring(0, id.length() - FIRST_INVOCATION.length());
        Integer number = invocationNumbers.get(template);
        return number == null || number == 1
                ? r
                : r.withUniqueId(template + "/[test-template-invocation:#" + number + "]");
    }
}
