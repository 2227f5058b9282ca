package dev.mvmqtt.tck;

import dev.mvmqtt.tck.run.TckRunner;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Every conformance test method in {@value TckRunner#TESTS_PACKAGE} (a method carrying a JUnit Platform test
 * annotation of any engine, that is one meta-annotated with {@link Testable}: {@code @Test}, {@code @TargetTest},
 * {@code @DeviceTest}, jqwik's {@code @Property}, ...) with the catalogue ids it names: {@link Asserts} on the
 * method plus on its class and enclosing classes, as the result recorder reads them. Also every {@code @Asserts}
 * found anywhere in the package, test or not, so that unknown ids are caught wherever they are written.
 */
public final class TckTestIndex {
    /** One test method and the ids it names. */
    public record TestMethod(Class<?> type, Method method, Set<String> ids) {
        public String name() {
            return type.getName() + "#" + method.getName();
        }
    }

    private final List<TestMethod> tests;
    private final Map<String, Set<String>> namedIds;

    private TckTestIndex(List<TestMethod> tests, Map<String, Set<String>> namedIds) {
        this.tests = tests;
        this.namedIds = namedIds;
    }

    /** Scans the compiled test package. */
    public static TckTestIndex scan() {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> c : ReflectionSupport.findAllClassesInPackage(TckRunner.TESTS_PACKAGE, c -> true, n -> true)) {
            collect(c, types);
        }
        List<Class<?>> sorted = new ArrayList<>(types);
        sorted.sort(Comparator.comparing(Class::getName));
        List<TestMethod> tests = new ArrayList<>();
        Map<String, Set<String>> named = new LinkedHashMap<>();
        for (Class<?> type : sorted) {
            Asserts onType = type.getAnnotation(Asserts.class);
            if (onType != null) {
                named.put(type.getName(), new LinkedHashSet<>(List.of(onType.value())));
            }
            Method[] methods = type.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method method : methods) {
                Asserts onMethod = method.getAnnotation(Asserts.class);
                if (onMethod != null) {
                    named.put(type.getName() + "#" + method.getName(), new LinkedHashSet<>(List.of(onMethod.value())));
                }
                if (!AnnotationSupport.isAnnotated(method, Testable.class)) {
                    continue;
                }
                Set<String> ids = new LinkedHashSet<>();
                if (onMethod != null) {
                    ids.addAll(List.of(onMethod.value()));
                }
                for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
                    Asserts a = c.getAnnotation(Asserts.class);
                    if (a != null) {
                        ids.addAll(List.of(a.value()));
                    }
                }
                tests.add(new TestMethod(type, method, Set.copyOf(ids)));
            }
        }
        return new TckTestIndex(List.copyOf(tests), named);
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (into.add(type)) {
            for (Class<?> nested : type.getDeclaredClasses()) {
                collect(nested, into);
            }
        }
    }

    /** Every test method, sorted by class and name. */
    public List<TestMethod> tests() {
        return tests;
    }

    /** Every {@code @Asserts} in the package: where it is written ({@code Class} or {@code Class#method}) to its ids. */
    public Map<String, Set<String>> namedIds() {
        return namedIds;
    }

    /** The test methods naming at least one of {@code ids}. */
    public List<TestMethod> naming(Set<String> ids) {
        return tests.stream()
                .filter(t -> t.ids().stream().anyMatch(ids::contains))
                .toList();
    }
}
