package dev.mvmqtt.tck.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestRecordBlameTest {

    private static TestRecord failed(String message, String... ids) {
        return TestRecord.builder("t", Outcome.FAILED).ids(ids).message(message).build();
    }

    @Test
    void aFailureIsBlamedOnTheIdsItsMessageNames() {
        assertThat(failed("[WILL-UNEXP-1: the will arrives] expected 1 message", "WILL-UNEXP-1", "WILL-FIELDS-1").blamedIds())
                .containsExactly("WILL-UNEXP-1");
    }

    @Test
    void anIdIsNamedOnlyAsAWholeId() {
        assertThat(failed("GEN-REF-10: something", "GEN-REF-1", "LOSS-REF-2").blamedIds())
                .as("GEN-REF-10 is not GEN-REF-1, so nothing is named and both are blamed")
                .containsExactly("GEN-REF-1", "LOSS-REF-2");
        assertThat(failed("XLOSS-REF-2 and GEN-REF-1.", "GEN-REF-1", "LOSS-REF-2").blamedIds()).containsExactly("GEN-REF-1");
    }

    @Test
    void aMessageNamingNoneOfItsIdsBlamesThemAll() {
        assertThat(failed("no CONNECTRESPONSE within PT10S", "CONN-OK-1", "READ-CONN-1").blamedIds())
                .containsExactly("CONN-OK-1", "READ-CONN-1");
    }

    @Test
    void onlyFailuresAreNarrowed() {
        TestRecord passed = TestRecord.builder("t", Outcome.PASSED).ids("A-1", "B-1").message("A-1").build();
        assertThat(passed.blamedIds()).containsExactly("A-1", "B-1");
    }
}
