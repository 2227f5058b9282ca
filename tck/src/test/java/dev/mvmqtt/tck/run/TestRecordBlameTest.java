package dev.mvmqtt.tck.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestRecordBlameTest {

    private static TestRecord failed(String message, String[] violated, String... ids) {
        return TestRecord.builder("t", Outcome.FAILED)
                .ids(ids)
                .message(message)
                .violatedIds(violated)
                .build();
    }

    @Test
    void aFailureIsBlamedOnTheRulesItCarries() {
        assertThat(failed(
                                "[WILL-UNEXP-1: the will arrives] expected 1 message",
                                new String[] {"WILL-UNEXP-1"},
                                "WILL-UNEXP-1",
                                "WILL-FIELDS-1")
                        .blamedIds())
                .containsExactly("WILL-UNEXP-1");
    }

    @Test
    void theMessageTextIsNeverReadForIds() {
        assertThat(failed(
                                "[WILL-UNEXP-1: the will arrives] expected 1 message",
                                new String[0],
                                "WILL-UNEXP-1",
                                "WILL-FIELDS-1")
                        .blamedIds())
                .as("a prefix without a RuleViolation is only text")
                .containsExactly("WILL-UNEXP-1", "WILL-FIELDS-1");
    }

    @Test
    void aFailureCarryingNoneOfItsIdsBlamesThemAll() {
        assertThat(failed("no CONNECTRESPONSE within PT10S", new String[0], "CONN-OK-1", "READ-CONN-1")
                        .blamedIds())
                .containsExactly("CONN-OK-1", "READ-CONN-1");
        assertThat(failed("x", new String[] {"OTHER-1"}, "CONN-OK-1", "READ-CONN-1")
                        .blamedIds())
                .as("a rule the test does not assert is not its to blame")
                .containsExactly("CONN-OK-1", "READ-CONN-1");
    }

    @Test
    void onlyFailuresAreNarrowed() {
        TestRecord passed = TestRecord.builder("t", Outcome.PASSED)
                .ids("A-1", "B-1")
                .violatedIds("A-1")
                .build();
        assertThat(passed.blamedIds()).containsExactly("A-1", "B-1");
    }
}
