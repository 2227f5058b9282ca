package dev.mvmqtt.tck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mvmqtt.tck.run.fixtures.BlameFixture;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs {@link BlameFixture} through the Launcher: blame comes from the rule a failure carries, never its text. */
class RuleBlameTest {
    private static List<TestRecord> records;

    @BeforeAll
    static void runFixture() {
        ResultRecorder recorder = new ResultRecorder();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(BlameFixture.class))
                                .build(),
                        recorder);
        records = recorder.records();
    }

    private static TestRecord one(String methodName) {
        List<TestRecord> found = records.stream()
                .filter(r -> methodName.equals(r.methodName()) && !r.container())
                .toList();
        assertThat(found).as("records of %s in %s", methodName, records).hasSize(1);
        return found.get(0);
    }

    @Test
    void aRuleCheckFailureIsBlamedOnItsRuleAlone() {
        TestRecord r = one("failsOnTheRuleItNames");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.violatedIds()).containsExactly("FIX-B-1");
        assertThat(r.blamedIds()).containsExactly("FIX-B-1");
        assertThat(r.message()).as("people still read the rule first").startsWith("[FIX-B-1: the second rule]");
    }

    @Test
    void aRuleOnlyMentionedInTheMessageDecidesNothing() {
        TestRecord r = one("failsWithAMessageThatOnlyMentionsARule");
        assertThat(r.message()).contains("FIX-A-1");
        assertThat(r.violatedIds()).isEmpty();
        assertThat(r.blamedIds()).containsExactly("FIX-A-1", "FIX-B-1");
    }

    @Test
    void theViolationIsFoundInTheCauseChain() {
        TestRecord r = one("failsWithAViolationInsideAnotherException");
        assertThat(r.violatedIds()).containsExactly("FIX-A-1");
        assertThat(r.blamedIds()).containsExactly("FIX-A-1");
    }
}
