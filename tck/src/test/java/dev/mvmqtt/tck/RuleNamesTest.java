package dev.mvmqtt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.catalogue.Catalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build-time check that attribution and {@link Asserts} agree: every rule a conformance test names as a value
 * ({@link RuleCheck}) is one its {@code @Asserts} lists and the catalogue has, and no test names a rule in text
 * only ({@link RuleNamesScan}). Scans the sources of {@code dev.mvmqtt.tck.tests}.
 */
class RuleNamesTest {
    static final Path TESTS = Path.of("src/main/java/dev/mvmqtt/tck/tests");

    @Test
    void everyRuleATestNamesIsInItsAssertsAndTheCatalogue() {
        Map<String, String> sources = sources(TESTS);
        assertThat(sources)
                .as("conformance test sources under %s", TESTS.toAbsolutePath())
                .isNotEmpty();
        RuleNamesScan scan = RuleNamesScan.of(sources);
        List<String> problems = scan.problems(Catalogue.load().ids());
        Map<String, Set<String>> named = scan.namedByTest();
        System.out.println("Rule names: " + named.size() + " test methods in " + sources.size() + " files; "
                + named.values().stream().filter(ids -> !ids.isEmpty()).count() + " name their rules as values, "
                + named.values().stream().flatMap(Set::stream).distinct().count() + " distinct ids; "
                + problems.size() + " problem(s)");
        assertThat(named).as("test methods found by the scan").hasSizeGreaterThan(150);
        assertThat(problems)
                .as("rules named by the conformance tests that their @Asserts or the catalogue lack")
                .isEmpty();
    }

    static Map<String, String> sources(Path root) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(root.relativize(f).toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
