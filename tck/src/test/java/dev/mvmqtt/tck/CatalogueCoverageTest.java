package dev.mvmqtt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.catalogue.Catalogue;
import dev.mvmqtt.tck.run.TckRunner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The build-time coverage check over the compiled conformance tests ({@link TckTestIndex}): every catalogue id is
 * named by at least one test method with {@link Asserts}; every id named anywhere in {@value TckRunner#TESTS_PACKAGE}
 * exists in the catalogue; and every test method names at least one id.
 */
class CatalogueCoverageTest {

    @Test
    void everyCatalogueIdIsTestedAndEveryNamedIdExists() {
        Catalogue catalogue = Catalogue.load();
        Set<String> known = catalogue.ids();
        TckTestIndex index = TckTestIndex.scan();

        Set<String> tested = new TreeSet<>();
        index.tests().forEach(t -> tested.addAll(t.ids()));
        List<String> untested = catalogue.assertions().stream()
                .filter(a -> !tested.contains(a.id()))
                .map(a -> a.id() + " (" + a.level().name().toLowerCase() + ")")
                .toList();
        Map<String, Set<String>> unknown = new TreeMap<>();
        index.namedIds()
                .forEach((where, ids) -> ids.stream()
                        .filter(id -> !known.contains(id))
                        .forEach(id -> unknown.computeIfAbsent(id, k -> new TreeSet<>())
                                .add(where)));
        List<String> withoutIds = index.tests().stream()
                .filter(t -> t.ids().isEmpty())
                .map(TckTestIndex.TestMethod::name)
                .toList();

        System.out.println(
                "Catalogue coverage: " + index.tests().size() + " test methods in " + TckRunner.TESTS_PACKAGE + " name "
                        + tested.stream().filter(known::contains).count() + " of " + known.size() + " catalogue ids");

        assertThat(untested)
                .as(
                        "catalogue ids that no test in %s names with @Asserts (%d of %d untested)",
                        TckRunner.TESTS_PACKAGE, untested.size(), known.size())
                .isEmpty();
        assertThat(unknown)
                .as("ids named by @Asserts in %s that the catalogue lacks (id -> where)", TckRunner.TESTS_PACKAGE)
                .isEmpty();
        assertThat(withoutIds)
                .as(
                        "test methods in %s that name no catalogue id (@Asserts on the method or its class)",
                        TckRunner.TESTS_PACKAGE)
                .isEmpty();
    }
}
