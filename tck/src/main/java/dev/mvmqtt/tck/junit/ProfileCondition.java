package dev.mvmqtt.tck.junit;

import dev.mvmqtt.spec.catalogue.Assertion;
import dev.mvmqtt.spec.catalogue.Catalogue;
import dev.mvmqtt.spec.catalogue.Level;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.TckSettings;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The profile rule shared by {@link TargetTest} and {@link DeviceTest}: in the {@code must} profile, a test of a
 * reference rule is skipped. A test checks a reference rule when it, its class or an enclosing class carries
 * {@link ReferenceRule}, or when every catalogue id its {@link Asserts} names (on the method, else on the class)
 * has level {@code reference} in the {@link Catalogue}. A test naming at least one {@code must} id runs.
 */
final class ProfileCondition {
    /** The reason a reference-rule test is skipped in the {@code must} profile. */
    static final String SKIP_REASON = ReferenceRule.SKIP_REASON;

    private ProfileCondition() {}

    static Optional<ConditionEvaluationResult> evaluate(ExtensionContext context, TckSettings settings) {
        if (settings.profile() == Profile.MUST && isReferenceRule(context)) {
            return Optional.of(ConditionEvaluationResult.disabled(SKIP_REASON));
        }
        return Optional.empty();
    }

    static boolean isReferenceRule(ExtensionContext context) {
        return isReferenceRule(
                context.getTestMethod().orElse(null), context.getTestClass().orElse(null));
    }

    /** Whether the test {@code method} (may be null: a class) of {@code testClass} checks a reference rule. */
    static boolean isReferenceRule(Method method, Class<?> testClass) {
        if (method != null && annotated(method)) {
            return true;
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (annotated(c)) {
                return true;
            }
        }
        return method != null && onlyReferenceIds(method, testClass != null ? testClass : method.getDeclaringClass());
    }

    /** True when the ids of {@link Asserts} (method, else class) are all {@code reference} in the catalogue. */
    static boolean onlyReferenceIds(Method method, Class<?> testClass) {
        Set<String> ids = new LinkedHashSet<>();
        AnnotationSupport.findAnnotation(method, Asserts.class).ifPresent(a -> ids.addAll(Set.of(a.value())));
        if (ids.isEmpty()) {
            AnnotationSupport.findAnnotation(testClass, Asserts.class).ifPresent(a -> ids.addAll(Set.of(a.value())));
        }
        if (ids.isEmpty()) {
            return false;
        }
        Catalogue catalogue;
        try {
            catalogue = Catalogue.load();
        } catch (RuntimeException e) {
            // without a catalogue only the explicit annotation decides
            return false;
        }
        for (String id : ids) {
            Optional<Assertion> a = catalogue.byId(id);
            if (a.isEmpty() || a.get().level() != Level.REFERENCE) {
                return false;
            }
        }
        return true;
    }

    private static boolean annotated(AnnotatedElement element) {
        return AnnotationSupport.isAnnotated(element, ReferenceRule.class);
    }
}
