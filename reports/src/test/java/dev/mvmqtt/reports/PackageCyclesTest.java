package dev.mvmqtt.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the tck and reports main sources has no cycle: a package that depends on another never
 * depends back on it, directly or through others. Read from the sources (imports and fully qualified names of the
 * kit's own packages), so it needs no bytecode library; Javadoc links count, which errs on the strict side.
 */
class PackageCyclesTest {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.mvmqtt(?:\\.\\w+)+)");

    /** The module folders whose main code is checked, relative to the reports module (the tests' working folder). */
    private static final List<Path> SOURCES = List.of(Path.of("../tck/src/main/java"), Path.of("src/main/java"));

    @Test
    void tckAndReportsHaveNoPackageCycle() {
        Map<String, Set<String>> graph = graph(SOURCES);
        assertThat(graph).containsKeys("dev.mvmqtt.tck.run", "dev.mvmqtt.tck.target", "dev.mvmqtt.reports");
        assertThat(cycles(graph))
                .as("package cycles (each a strongly connected set of packages)")
                .isEmpty();
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> graph =
                new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
        assertThat(cycles(graph)).containsExactly(new TreeSet<>(Set.of("a", "b", "c")));
    }

    @Test
    void targetIdentityDependsOnNoOtherPackageOfTheKit() {
        assertThat(graph(SOURCES).get("dev.mvmqtt.tck.target")).isEmpty();
    }

    /** For each package, the kit's packages its sources name. */
    static Map<String, Set<String>> graph(List<Path> roots) {
        Map<String, List<String>> sourcesByPackage = new TreeMap<>();
        for (Path root : roots) {
            assertThat(root).as("source folder").isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher p = PACKAGE.matcher(source);
                    if (p.find()) {
                        sourcesByPackage
                                .computeIfAbsent(p.group(1), k -> new ArrayList<>())
                                .add(PACKAGE.matcher(source).replaceFirst(""));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Set<String>> graph = new TreeMap<>();
        sourcesByPackage.forEach((pkg, sources) -> {
            Set<String> uses = new TreeSet<>();
            for (String source : sources) {
                Matcher m = REFERENCE.matcher(source);
                while (m.find()) {
                    String used = knownPrefix(m.group(1), sourcesByPackage.keySet());
                    if (used != null && !used.equals(pkg)) {
                        uses.add(used);
                    }
                }
            }
            graph.put(pkg, uses);
        });
        return graph;
    }

    /** The longest package of the kit that {@code name} starts with (a class or a package name), or null. */
    private static String knownPrefix(String name, Set<String> packages) {
        for (String n = name; n.contains("."); n = n.substring(0, n.lastIndexOf('.'))) {
            if (packages.contains(n)) {
                return n;
            }
        }
        return null;
    }

    /** The graph's cycles: every strongly connected set of more than one package (Tarjan's algorithm). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Tarjan(graph).run();
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new TreeMap<>();
        private final Map<String, Integer> low = new TreeMap<>();
        private final List<String> stack = new ArrayList<>();
        private final List<Set<String>> found = new ArrayList<>();
        private int next;

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<Set<String>> run() {
            for (String v : graph.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return found;
        }

        private void visit(String v) {
            index.put(v, next);
            low.put(v, next);
            next++;
            stack.add(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.remove(stack.size() - 1);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    found.add(component);
                }
            }
        }
    }
}
