package dev.mvmqtt.spec.api;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the implementation under test with {@link ServiceLoader}. When several providers are on the
 * class path, the system property {@value #PROPERTY} picks one by its {@link MicrovisorProvider#name()}
 * or by its class name.
 */
public final class Microvisors {
    /** The system property that selects a provider by name or class name. */
    public static final String PROPERTY = "mvmqtt.implementation";

    private Microvisors() {}

    /** Every provider visible to this class loader, in ServiceLoader order. */
    public static List<MicrovisorProvider> all(ClassLoader loader) {
        List<MicrovisorProvider> providers = new ArrayList<>();
        ServiceLoader.load(MicrovisorProvider.class, loader).forEach(providers::add);
        return providers;
    }

    /** The provider selected by {@value #PROPERTY}, or the only one present. */
    public static MicrovisorProvider provider() {
        return provider(System.getProperty(PROPERTY), Thread.currentThread().getContextClassLoader());
    }

    /**
     * The provider named {@code selector} (by name or class name); with a null or blank selector, the
     * only provider present.
     *
     * @throws IllegalStateException naming what is present, when none or several match
     */
    public static MicrovisorProvider provider(String selector, ClassLoader loader) {
        List<MicrovisorProvider> providers = all(loader);
        String present = providers.isEmpty()
                ? "none"
                : providers.stream()
                        .map(p -> p.name() + " (" + p.getClass().getName() + ")")
                        .collect(Collectors.joining(", "));
        if (selector == null || selector.isBlank()) {
            if (providers.size() == 1) {
                return providers.get(0);
            }
            throw new IllegalStateException(
                    providers.isEmpty()
                            ? "No Microvisor implementation found: add one to the class path with a META-INF/services/"
                                    + MicrovisorProvider.class.getName() + " entry."
                            : "Several Microvisor implementations found; choose one with -D" + PROPERTY
                                    + "=NAME. Present: " + present);
        }
        for (MicrovisorProvider p : providers) {
            if (p.name().equals(selector) || p.getClass().getName().equals(selector)) {
                return p;
            }
        }
        throw new IllegalStateException("No Microvisor implementation named '" + selector + "'. Present: " + present);
    }
}
