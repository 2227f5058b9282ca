package dev.mvmqtt.spec.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shipped catalogue is valid: well-formed ids, allowed values, calls that exist, the open questions decided. */
class CatalogueTest {
    private final Catalogue catalogue = Catalogue.load();

    /** The group prefixes of the id scheme (decisions.md), in that order. */
    private static final List<String> GROUPS = List.of(
            "GEN", "CODE", "HANDLE", "NOTIF", "NET", "CHAN", "READ", "CONN", "AUTH", "TLS", "WILL", "SESS", "SUB",
            "UNSUB", "PUB", "QOS", "RECV", "ACK", "LOST", "DISC", "LOSS", "LIMIT");

    /**
     * Each open question at the end of spec-facts.md and the reference rules that decide it.
     */
    private static final Map<String, List<String>> OPEN_QUESTIONS = new LinkedHashMap<>();

    static {
        OPEN_QUESTIONS.put(
                "QoS 2 refused synchronously or INVALIDPARAMETERS", List.of("QOS-REF-1", "QOS-REF-2", "QOS-REF-3"));
        OPEN_QUESTIONS.put("PUBLISHRESPONSE for a QoS 0 publish", List.of("PUB-REF-1"));
        OPEN_QUESTIONS.put(
                "in-flight limits behind RATELIMITED",
                List.of("LIMIT-REF-1", "LIMIT-REF-2", "LIMIT-REF-3", "LIMIT-REF-4", "LIMIT-REF-5"));
        OPEN_QUESTIONS.put("circuit-breaker threshold and responses", List.of("LOSS-REF-5", "LOSS-REF-6"));
        OPEN_QUESTIONS.put("message pending after INVALIDBUFFERSIZE", List.of("RECV-REF-1"));
        OPEN_QUESTIONS.put("read not matching the next readable type", List.of("READ-REF-1"));
        OPEN_QUESTIONS.put("receive-buffer alignment; minimum and maximum sizes", List.of("CHAN-REF-1", "CHAN-REF-2"));
        OPEN_QUESTIONS.put("notification ring overrun and its detection", List.of("NOTIF-REF-1"));
        OPEN_QUESTIONS.put("reason_codes_size in bytes or in codes", List.of("SUB-REF-2"));
        OPEN_QUESTIONS.put("persistent sessions on MQTT 5", List.of("SESS-REF-1"));
        OPEN_QUESTIONS.put("nl/rap/rh on 3.1.1", List.of("SUB-REF-3"));
        OPEN_QUESTIONS.put("acknowledging a QoS 0 or unknown correlation id", List.of("ACK-REF-2"));
    }

    @Test
    void holdsWellOverEightyRules() {
        assertThat(catalogue.schemaVersion()).isEqualTo(1);
        assertThat(catalogue.assertions()).hasSizeGreaterThanOrEqualTo(80);
    }

    @Test
    void idsAreUniqueAndWellFormed() {
        List<String> ids = catalogue.assertions().stream().map(Assertion::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("^[A-Z]+(-[A-Z]+)*-[0-9]+$"));
        assertThat(catalogue.ids()).containsExactlyElementsOf(ids);
    }

    @Test
    void groupsAreTheIdSchemeAndEachIdStartsWithOne() {
        assertThat(catalogue.groups()).extracting(Group::id).containsExactlyElementsOf(GROUPS);
        assertThat(catalogue.groups()).allSatisfy(g -> assertThat(g.title()).isNotBlank());
        for (Assertion a : catalogue.assertions()) {
            assertThat(GROUPS).as("group of %s", a.id()).contains(a.id().split("-")[0]);
            assertThat(a.group()).isEqualTo(a.id().split("-")[0]);
        }
        for (String g : GROUPS) {
            assertThat(catalogue.inGroup(g)).as("rules in group %s", g).isNotEmpty();
        }
    }

    @Test
    void numbersRunFromOneWithoutGapsWithinEachPrefix() {
        Map<String, List<Integer>> numbers = catalogue.assertions().stream()
                .collect(Collectors.groupingBy(
                        a -> a.id().substring(0, a.id().lastIndexOf('-')),
                        LinkedHashMap::new,
                        Collectors.mapping(
                                a -> Integer.parseInt(a.id().substring(a.id().lastIndexOf('-') + 1)),
                                Collectors.toList())));
        numbers.forEach((prefix, ns) -> assertThat(new TreeSet<>(ns))
                .as("numbers of %s-*", prefix)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, ns.size()).boxed().toList()));
    }

    @Test
    void levelsAndSourcesComeFromTheAllowedSetsAndAgree() {
        for (Assertion a : catalogue.assertions()) {
            assertThat(a.level()).as(a.id()).isIn((Object[]) Level.values());
            assertThat(a.source()).as(a.id()).isIn((Object[]) Source.values());
            if (a.level() == Level.REFERENCE) {
                assertThat(a.source()).as("source of reference rule %s", a.id()).isEqualTo(Source.REFERENCE);
            } else {
                assertThat(a.source()).as("source of must rule %s", a.id()).isNotEqualTo(Source.REFERENCE);
            }
        }
        assertThat(catalogue.assertions()).extracting(Assertion::level).contains(Level.MUST, Level.REFERENCE);
    }

    @Test
    void referenceRulesFollowTheIdSchemeAndSayWhy() {
        for (Assertion a : catalogue.assertions()) {
            boolean refId = a.id().matches("^[A-Z]+-REF-[0-9]+$");
            if (refId) {
                assertThat(a.level())
                        .as("%s: an id like PUB-REF-1 is a reference rule", a.id())
                        .isEqualTo(Level.REFERENCE);
            } else if (a.level() == Level.REFERENCE) {
                // Ids are stable: a must rule found to be a decision keeps its id and says so.
                assertThat(a.note())
                        .as("%s: a reference rule without a REF id was demoted and says so", a.id())
                        .hasValueSatisfying(n -> assertThat(n).contains("Demoted from must:"));
            }
            if (a.level() == Level.REFERENCE) {
                assertThat(a.note())
                        .as("note of %s", a.id())
                        .hasValueSatisfying(n -> assertThat(n).matches("^Decision \\d+\\. .{20,}"));
            }
        }
    }

    @Test
    void everyDecisionOfTheLeadIsRecorded() {
        Pattern decision = Pattern.compile("^Decision (\\d+)\\.");
        Set<Integer> cited = new HashSet<>();
        for (Assertion a : catalogue.assertions()) {
            a.note()
                    .map(decision::matcher)
                    .filter(Matcher::find)
                    .ifPresent(m -> cited.add(Integer.parseInt(m.group(1))));
        }
        assertThat(cited)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 33).boxed().toList());
    }

    @Test
    void everyOpenQuestionOfSpecFactsHasAReferenceRule() {
        OPEN_QUESTIONS.forEach((question, ids) -> {
            for (String id : ids) {
                assertThat(catalogue.byId(id))
                        .as("%s decides '%s'", id, question)
                        .hasValueSatisfying(a -> assertThat(a.level()).isEqualTo(Level.REFERENCE));
            }
        });
    }

    @Test
    void everyCallNamedIsAMethodOfMicrovisor() {
        Set<String> methods = Arrays.stream(Microvisor.class.getMethods())
                .map(Method::getName)
                .collect(Collectors.toSet());
        for (Assertion a : catalogue.assertions()) {
            assertThat(methods).as("calls of %s", a.id()).containsAll(a.calls());
        }
    }

    @Test
    void everyMicrovisorMethodIsBoundBySomeRule() {
        for (Method m : Microvisor.class.getDeclaredMethods()) {
            if (m.getName().equals("networkLink")) {
                continue; // a capability, not a call: the rules that need it name the calls they check
            }
            assertThat(catalogue.naming(m.getName()))
                    .as("rules naming %s", m.getName())
                    .isNotEmpty();
        }
    }

    @Test
    void versionsAndStatementsAreUsable() {
        for (Assertion a : catalogue.assertions()) {
            assertThat(a.mqttVersions())
                    .as(a.id())
                    .isNotEmpty()
                    .isSubsetOf(Assertion.MQTT_VERSIONS)
                    .doesNotHaveDuplicates();
            assertThat(a.statement()).as(a.id()).endsWith(".").hasSizeLessThan(400);
            assertThat(a.statement().split("(?<=\\.) (?=[A-Z])").length)
                    .as("sentences in %s", a.id())
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void lookupsAnswerByIdAndRejectNothingElse() {
        assertThat(catalogue.byId("CHAN-BUF-1")).hasValueSatisfying(a -> {
            assertThat(a.group()).isEqualTo("CHAN");
            assertThat(a.calls()).containsExactly("mvOpenChannel");
            assertThat(a.binds("mvOpenChannel")).isTrue();
            assertThat(a.binds("mvCloseChannel")).isFalse();
        });
        assertThat(catalogue.byId("NOPE-1")).isEmpty();
        assertThat(catalogue.group("LIMIT")).isPresent();
        assertThat(Catalogue.load()).isSameAs(catalogue);
    }

    @Test
    void theJarCopyIsTheSourceFile() throws IOException {
        Path source = Path.of(System.getProperty("basedir", "."), "catalogue.json");
        try (InputStream in = Catalogue.class.getResourceAsStream(Catalogue.RESOURCE)) {
            assertThat(in).as("resource %s", Catalogue.RESOURCE).isNotNull();
            assertThat(in.readAllBytes())
                    .as("%s is a copy of %s", Catalogue.RESOURCE, source)
                    .isEqualTo(Files.readAllBytes(source));
        }
    }
}
