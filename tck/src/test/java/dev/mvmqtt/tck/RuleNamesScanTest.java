package dev.mvmqtt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link RuleNamesScan} on small made-up sources: it fails when a test names a rule its @Asserts lacks. */
class RuleNamesScanTest {
    private static final Set<String> CATALOGUE = Set.of("PUB-OK-1", "PUB-QOS-1", "GEN-CORR-1", "SUB-DELIV-1");

    private static String test(String asserts, String body) {
        return """
                package x;
                import static dev.mvmqtt.tck.RuleCheck.rule;
                class PubTests {
                    @TargetTest
                    @Asserts(%s)
                    void publishes(TckTarget target) {
                        %s
                    }
                }
                """.formatted(asserts, body);
    }

    private static List<String> problems(Map<String, String> sources) {
        return RuleNamesScan.of(sources).problems(CATALOGUE);
    }

    @Test
    void aTestNamingOnlyItsOwnRulesPasses() {
        assertThat(
                        problems(
                                Map.of(
                                        "PubTests.java",
                                        test(
                                                "{\"PUB-OK-1\", \"PUB-QOS-1\"}",
                                                "rule(\"PUB-OK-1\", \"topic\").assertThat(m.topic()).isEqualTo(t); rule(\"PUB-QOS-1\").assertThat(m).hasQos(1);"))))
                .isEmpty();
    }

    @Test
    void aTestNamingARuleItsAssertsLacksFails() {
        assertThat(problems(Map.of(
                        "PubTests.java",
                        test("\"PUB-OK-1\"", "rule(\"PUB-QOS-1\", \"QoS\").assertThat(m.qos()).isEqualTo(1);"))))
                .singleElement()
                .asString()
                .contains("PubTests#publishes names PUB-QOS-1")
                .contains("[PUB-OK-1]");
    }

    @Test
    void aRuleNamedInAHelperCountsForEveryTestThatCallsIt() {
        String tests = test("\"PUB-OK-1\"", "Checks.correlation(r, 7); helper();")
                .replace(
                        "    }\n}",
                        "    }\n    private static void helper() { rule(\"PUB-QOS-1\").assertThat(1).isOne(); }\n}");
        String checks = """
                package x;
                final class Checks {
                    static void correlation(Object r, int id) {
                        rule("GEN-CORR-1", "correlation id").assertThat(r).isNotNull();
                    }
                }
                """;
        assertThat(problems(Map.of("PubTests.java", tests, "Checks.java", checks)))
                .anyMatch(p -> p.contains("names GEN-CORR-1 (in Checks#correlation)"))
                .anyMatch(p -> p.contains("names PUB-QOS-1 (in PubTests#helper)"))
                .hasSize(2);
    }

    @Test
    void aRulePassedToAHelperIsNamedByTheTest() {
        assertThat(
                        problems(
                                Map.of(
                                        "PubTests.java",
                                        test(
                                                "\"PUB-OK-1\"",
                                                "Messaging.assertNothingFollows(fw, ch, window, rule(\"SUB-DELIV-1\", \"nothing more\"));"))))
                .singleElement()
                .asString()
                .contains("names SUB-DELIV-1");
    }

    @Test
    void anObjectsMethodResolvesToAHelperClass() {
        String firmware = """
                package x;
                final class DemoFirmware {
                    void runUntil(Object done) {
                        throw rule("SUB-DELIV-1").violation("late");
                    }
                }
                """;
        assertThat(problems(Map.of(
                        "PubTests.java", test("\"PUB-OK-1\"", "fw.runUntil(null);"), "DemoFirmware.java", firmware)))
                .singleElement()
                .asString()
                .contains("names SUB-DELIV-1 (in DemoFirmware#runUntil)");
    }

    @Test
    void anIdTheCatalogueLacksIsReported() {
        assertThat(problems(Map.of("PubTests.java", test("\"PUB-OK-1\"", "rule(\"PUB-OK-9\").assertThat(1).isOne();"))))
                .anyMatch(p -> p.contains("names PUB-OK-9, which the catalogue does not have"));
    }

    @Test
    void aRuleNamedInTextIsReported() {
        assertThat(problems(Map.of(
                        "PubTests.java",
                        test("\"PUB-OK-1\"", "assertThat(m.topic()).as(\"PUB-OK-1: topic\").isEqualTo(t);"))))
                .singleElement()
                .asString()
                .contains("names a rule in text");
    }

    @Test
    void aClassLevelAssertsCoversItsPropertiesAndHelpers() {
        String properties = """
                package x;
                @Asserts({"PUB-OK-1", "GEN-CORR-1"})
                class PubProperties {
                    @Property
                    void roundTrip(@ForAll("payloads") byte[] p) {
                        rule("PUB-OK-1").assertThat(p).isNotNull();
                    }
                    static class Action {
                        void check() {
                            rule("PUB-QOS-1").assertThat(1).isOne();
                        }
                    }
                }
                """;
        assertThat(problems(Map.of("PubProperties.java", properties)))
                .singleElement()
                .asString()
                .contains("Action#check names PUB-QOS-1, which its class's @Asserts [PUB-OK-1, GEN-CORR-1] lacks");
    }
}
