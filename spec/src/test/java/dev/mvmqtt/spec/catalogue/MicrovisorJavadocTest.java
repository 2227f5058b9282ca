package dev.mvmqtt.spec.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Microvisor's Javadoc and the catalogue agree: every id the source mentions exists, no group
 * wildcard ({@code CHAN-*}) is left, and each rule naming a call is cited at that method or, for the
 * rules every call is bound by, in the interface's own Javadoc.
 */
class MicrovisorJavadocTest {
    private static final Pattern ID = Pattern.compile("\\b[A-Z]+(?:-[A-Z]+)*-[0-9]+\\b");
    private static final Pattern WILDCARD = Pattern.compile("\\b[A-Z]+(?:-[A-Z]+)*-\\*");
    /** Tokens shaped like ids that are not ids. */
    private static final Set<String> NOT_IDS = Set.of("UTF-8", "UTF-16");

    private static String source;
    private final Catalogue catalogue = Catalogue.load();

    @BeforeAll
    static void readSource() throws IOException {
        Path file = Path.of(System.getProperty("basedir", "."), "src/main/java/dev/mvmqtt/spec/api/Microvisor.java");
        source = Files.readString(file);
    }

    private static Set<String> idsIn(String text) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ID.matcher(text);
        while (m.find()) {
            if (!NOT_IDS.contains(m.group())) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /** The Javadoc comment directly before the declaration of {@code method}. */
    private static String javadocOf(String method) {
        Matcher m = Pattern.compile(
                        "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@\\w+\\s+)*(?:default\\s+)?[\\w<>.]+\\s+"
                                + Pattern.quote(method) + "\\s*\\(",
                        Pattern.DOTALL)
                .matcher(source);
        assertThat(m.find()).as("Javadoc of %s in Microvisor.java", method).isTrue();
        return m.group(1);
    }

    /** The interface's own Javadoc: the comment before {@code public interface Microvisor}. */
    private static String interfaceJavadoc() {
        Matcher m = Pattern.compile(
                        "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public\\s+interface\\s+Microvisor\\b", Pattern.DOTALL)
                .matcher(source);
        assertThat(m.find()).as("interface Javadoc").isTrue();
        return m.group(1);
    }

    @Test
    void everyIdMentionedExists() {
        Set<String> mentioned = idsIn(source);
        assertThat(mentioned).as("ids in Microvisor.java").hasSizeGreaterThan(50);
        assertThat(mentioned)
                .allSatisfy(id -> assertThat(catalogue.byId(id))
                        .as("catalogue entry %s", id)
                        .isPresent());
    }

    @Test
    void noGroupWildcardIsLeft() {
        assertThat(WILDCARD.matcher(source).find())
                .as("a placeholder like CHAN-* in Microvisor.java")
                .isFalse();
    }

    @Test
    void everyRuleNamingACallIsCitedAtTheMethodOrForEveryCall() {
        Set<String> general = idsIn(interfaceJavadoc());
        for (Method method : Microvisor.class.getDeclaredMethods()) {
            Set<String> cited = idsIn(javadocOf(method.getName()));
            for (Assertion a : catalogue.naming(method.getName())) {
                assertThat(cited.contains(a.id()) || general.contains(a.id()))
                        .as(
                                "%s names %s: cite it in that method's Javadoc or the interface's",
                                a.id(), method.getName())
                        .isTrue();
            }
        }
        for (Assertion a : catalogue.assertions()) {
            if (a.calls().isEmpty()) {
                assertThat(general)
                        .as("%s binds every call: cite it in the interface's Javadoc", a.id())
                        .contains(a.id());
            }
        }
    }

    @Test
    void methodsCiteOnlyRulesThatConcernThem() {
        Set<String> general = idsIn(interfaceJavadoc());
        for (Method method : Microvisor.class.getDeclaredMethods()) {
            if (method.getName().equals("networkLink")) {
                continue; // cites the rules that need the capability
            }
            for (String id : idsIn(javadocOf(method.getName()))) {
                Assertion a = catalogue.byId(id).orElseThrow();
                assertThat(a.binds(method.getName()) || general.contains(id))
                        .as("%s's Javadoc cites %s, whose calls are %s", method.getName(), id, a.calls())
                        .isTrue();
            }
        }
    }
}
