package dev.mvmqtt.tck;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The rules whose tests the kit has proven to catch a violation: for each, a built-in broken implementation that
 * violates it and that the TCK rejects with a failure blamed on that rule. The list ships in the TCK jar as
 * {@value #RESOURCE}; the kit's own build regenerates it from the broken-implementation run and fails when the
 * shipped list differs, so it cannot go stale.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProvenRules {
    /** The resource, one {@code RULE-ID broken-implementation} per line; {@code #} starts a comment. */
    public static final String RESOURCE = "dev/mvmqtt/tck/proven-rules.txt";

    private ProvenRules() {}

    /** Rule id to the broken implementation that proves its test, from the class path; empty when absent. */
    public static Map<String, String> load() {
        return load(ProvenRules.class.getClassLoader());
    }

    /** As {@link #load()}, from {@code loader}. */
    public static Map<String, String> load(ClassLoader loader) {
        Map<String, String> proven = new TreeMap<>();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Map.of();
            }
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> {
                        String[] parts = l.split("\\s+", 2);
                        proven.put(parts[0], parts.length > 1 ? parts[1] : "");
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return Map.copyOf(proven);
    }
}
