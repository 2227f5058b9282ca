package dev.mvmqtt.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.catalogue.Assertion;
import dev.mvmqtt.spec.catalogue.Catalogue;
import dev.mvmqtt.spec.catalogue.Level;
import dev.mvmqtt.tck.ProvenRules;
import dev.mvmqtt.tck.broken.table.BreakTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Proof per rule: every {@code must} rule of the catalogue is violated by at least one built-in broken
 * implementation that the TCK rejects with a failure blamed on that rule. The count is printed; the proven ids are
 * written to {@code target/tck-broken/proven-rules.txt} and must equal the list the TCK jar ships
 * ({@link ProvenRules#RESOURCE}, which the compliance report reads to say per rule that its test is proven to catch a
 * violation), so that list cannot go stale.
 */
final class ProofPerRule {
    static final String RESOURCE = ProvenRules.RESOURCE;
    static final Path SOURCE = Path.of("src", "main", "resources").resolve(RESOURCE);

    private ProofPerRule() {}

    static void check(Map<String, String> proven) {
        List<String> must = Catalogue.load().assertions().stream()
                .filter(a -> a.level() == Level.MUST)
                .map(Assertion::id)
                .toList();
        Set<String> breakable = must.stream()
                .filter(id -> !BreakTable.NOT_BREAKABLE.containsKey(id))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> provenMust =
                proven.keySet().stream().filter(breakable::contains).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(breakable);
        missing.removeAll(provenMust);

        System.out.printf(
                Locale.ROOT,
                "proof per rule: %d of %d must rules are proven to be caught by the TCK "
                        + "(%d must rules check the kit's API enumerations and no implementation can break them: %s)%s%n",
                provenMust.size(),
                breakable.size(),
                BreakTable.NOT_BREAKABLE.size(),
                BreakTable.NOT_BREAKABLE.keySet(),
                missing.isEmpty() ? "" : "; not proven: " + missing);

        // every rule proven, reference rules too: under the strict profile a deviation fails the verdict as well
        Set<String> known =
                Catalogue.load().assertions().stream().map(Assertion::id).collect(Collectors.toSet());
        List<String> lines = new ArrayList<>();
        new TreeMap<>(proven).forEach((id, by) -> {
            if (known.contains(id)) {
                lines.add(id + " " + by);
            }
        });
        Set<String> provenKnown =
                proven.keySet().stream().filter(known::contains).collect(Collectors.toCollection(TreeSet::new));
        write(BrokenImplementationsTest.RECORDS.resolve("proven-rules.txt"), lines);

        assertThat(missing)
                .as("must rules no built-in broken implementation is rejected for (add a row to BreakTable "
                        + "or a hand-written broken implementation)")
                .isEmpty();
        assertThat(shipped())
                .as(
                        "%s lists the proven rules; after adding a broken implementation copy "
                                + "target/tck-broken/proven-rules.txt over %s",
                        RESOURCE, SOURCE)
                .isEqualTo(provenKnown);
    }

    /** The rule ids the shipped resource lists (must and reference). */
    static Set<String> shipped() {
        return new TreeSet<>(ProvenRules.load().keySet());
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            List<String> all = new ArrayList<>();
            all.add(
                    "# rules the TCK is proven to catch: each is violated by the named built-in broken implementation,");
            all.add(
                    "# which the TCK rejects with a failure blamed on that rule (BrokenImplementationsTest). Generated; do not edit.");
            all.addAll(lines);
            Files.write(file, all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
