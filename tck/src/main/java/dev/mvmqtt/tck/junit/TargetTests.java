package dev.mvmqtt.tck.junit;

import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Where a {@link TargetTest} runs, for a runner that splits a TCK run into one JUnit run per target: the targets a
 * test method runs on, and the configuration parameter that restricts a JUnit run to one of them.
 */
public final class TargetTests {
    /**
     * JUnit configuration parameter: when set to a target id, every {@link TargetTest} runs only on that target
     * (of those {@link TckSettings#targets()} selects and the test admits).
     */
    public static final String RUN_TARGET = "mvmqtt.run.target";

    private TargetTests() {}

    /** True when {@code method} is a {@link TargetTest}. */
    public static boolean isTargetTest(Method method) {
        return AnnotationSupport.isAnnotated(method, TargetTest.class);
    }

    /**
     * The selected targets the {@link TargetTest} {@code method} of {@code testClass} runs on, in selection order;
     * empty when it runs on none and is skipped as a whole (its profile excludes it, or no selected target matches).
     */
    public static List<TargetId> runsOn(Method method, Class<?> testClass, TckSettings settings) {
        if (settings.profile() == Profile.MUST && ProfileCondition.isReferenceRule(method, testClass)) {
            return List.of();
        }
        return TargetInvocationProvider.matching(method, settings);
    }
}
