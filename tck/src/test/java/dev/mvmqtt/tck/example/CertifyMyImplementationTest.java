package dev.mvmqtt.tck.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TckRunner;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What a certifier writes, and all of it (README, "Plugging in your implementation"): a test in their own build,
 * with the TCK and their implementation as dependencies and the implementation's provider registered in
 * {@code META-INF/services/dev.mvmqtt.spec.api.MicrovisorProvider}. It runs every TCK test with the settings the
 * {@code mvmqtt.*} system properties give and fails on any failed test. The kit's build runs it against the
 * reference on one fast target (the whole matrix is {@code ReferenceConformanceTest}'s job), so the example
 * keeps working.
 */
@Execution(ExecutionMode.CONCURRENT) // a TCK run: waits mostly, so it runs next to the others (tck/pom.xml)
class CertifyMyImplementationTest {
    @Test
    void myImplementationPassesTheTck() {
        TckSettings settings = TckSettings.fromSystemProperties(); // the mvmqtt.* properties
        TckSettings.Builder b = settings.toBuilder();
        if (settings.implementation().isEmpty()) {
            b.implementation("reference"); // your provider's name()
        }
        if (System.getProperty(TckSettings.TARGETS) == null) {
            b.targets(TargetId.parse("hivemq-v5-plain")); // default would be all 8 local targets
        }
        TckRunResult result =
                TckRunner.builder(b.build()).progress(System.out).build().run();

        assertThat(result.records())
                .filteredOn(r -> r.outcome() == Outcome.FAILED)
                .extracting(r -> r.testName() + ": " + r.message())
                .as("TCK tests %s fails, with why", result.implementationName())
                .isEmpty();
        assertThat(result.records()).as("TCK tests that ran and passed").anyMatch(r -> r.outcome() == Outcome.PASSED);
    }
}
