package dev.mvmqtt.tck.run;

import dev.mvmqtt.tck.Asserts;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Narrows a TCK run for an implementer working on one thing: to the tests naming some catalogue rules
 * ({@link #rules}), or to named test classes and methods ({@link #tests}).
 */
final class TestSelection {
    private TestSelection() {}

    /**
     * A filter keeping the test methods whose ids ({@code @Asserts} on the method, else on its class or an
     * enclosing class, as the result recorder reads them) include one of {@code ruleIds}; containers stay and are
     * pruned by the launcher when nothing is left in them.
     */
    public static PostDiscoveryFilter rules(Collection<String> ruleIds) {
        Set<String> wanted = Set.copyOf(ruleIds);
        return descriptor -> {
            if (!(descriptor.getSource().orElse(null) instanceof MethodSource source)) {
                return FilterResult.included("not a test method");
            }
            List<String> ids = ids(source);
            return ids.stream().anyMatch(wanted::contains)
                    ? FilterResult.included("names a selected rule")
                    : FilterResult.excluded("names none of " + wanted);
        };
    }

    /** The catalogue ids a test method names. */
    static List<String> ids(MethodSource source) {
        Method method;
        try {
            method = source.getJavaMethod();
        } catch (RuntimeException e) {
            return List.of();
        }
        Asserts onMethod = method.getAnnotation(Asserts.class);
        if (onMethod != null) {
            return List.of(onMethod.value());
        }
        for (Class<?> c = method.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
            Asserts a = c.getAnnotation(Asserts.class);
            if (a != null) {
                return List.of(a.value());
            }
        }
        return List.of();
    }

    /**
     * Selectors for test classes or methods named {@code Class} or {@code Class#method}, the class fully qualified
     * or by its simple name within {@value TckRunner#TESTS_PACKAGE} (nested classes as {@code Outer$Inner} or
     * {@code Inner}).
     *
     * @throws IllegalArgumentException naming the first spec that matches no test class or method
     */
    public static List<DiscoverySelector> tests(Collection<String> specs) {
        List<Class<?>> all = ReflectionSupport.findAllClassesInPackage(TckRunner.TESTS_PACKAGE, c -> true, n -> true);
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.trim();
            if (s.isEmpty()) {
                continue;
            }
            int hash = s.indexOf('#');
            String className = hash < 0 ? s : s.substring(0, hash);
            String methodName = hash < 0 ? null : s.substring(hash + 1);
            List<Class<?>> matches = all.stream()
                    .filter(c -> c.getName().equals(className)
                            || c.getName().endsWith("." + className)
                            || c.getName().endsWith("$" + className))
                    .toList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("no TCK test class " + className + " in " + TckRunner.TESTS_PACKAGE);
            }
            if (matches.size() > 1) {
                throw new IllegalArgumentException(className + " names several TCK classes: "
                        + matches.stream().map(Class::getName).toList() + "; write it fully qualified");
            }
            Class<?> type = matches.get(0);
            if (methodName == null) {
                selectors.add(
                        type.getEnclosingClass() == null
                                ? DiscoverySelectors.selectClass(type)
                                : DiscoverySelectors.selectNestedClass(enclosing(type), type));
                continue;
            }
            Set<Method> methods = new LinkedHashSet<>();
            Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.getName().equals(methodName))
                    .forEach(methods::add);
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("no test method " + methodName + " in " + type.getName());
            }
            for (Method m : methods) {
                selectors.add(
                        type.getEnclosingClass() == null
                                ? DiscoverySelectors.selectMethod(type, m)
                                : DiscoverySelectors.selectNestedMethod(enclosing(type), type, m));
            }
        }
        return selectors;
    }

    private static List<Class<?>> enclosing(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            out.add(0, c);
        }
        return out;
    }
}
