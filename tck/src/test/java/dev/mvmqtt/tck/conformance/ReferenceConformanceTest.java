package dev.mvmqtt.tck.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.tck.run.Availability;
import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TargetSummary;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TckRunner;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The whole TCK against the reference implementation on the 8 docker-free targets of the matrix, in the strict
 * profile: nothing may fail and every target must run. Prints the time per target and writes every record to
 * {@code target/tck-reference-run.txt}.
 */
@Execution(ExecutionMode.CONCURRENT) // a TCK run: waits mostly, so it runs next to the others (tck/pom.xml)
class ReferenceConformanceTest {
    static final Path RECORDS = Path.of("target", "tck-reference-run.txt");

    @Test
    void referencePassesTheWholeTckOnEveryDockerFreeTarget() {
        // From the system properties, so that -Dmvmqtt.timeoutFactor reaches this run too.
        TckSettings settings = TckSettings.fromSystemProperties().toBuilder()
                .implementation("reference")
                .targets(TargetId.MATRIX)
                .provisioning(ProvisioningMode.DOCKER_FREE)
                .profile(Profile.STRICT)
                .build();

        TckRunResult result =
                TckRunner.builder(settings).progress(System.out).build().run();

        RunSummary.write(result, RECORDS);
        System.out.println("Reference TCK run, time per target (records in " + RECORDS.toAbsolutePath() + "):");
        System.out.print(RunSummary.perTarget(result));

        List<String> failed = result.records().stream()
                .filter(r -> r.outcome() == Outcome.FAILED)
                .map(r -> r.testName() + " [" + r.target() + "] " + r.ids() + ": " + r.message())
                .toList();
        assertThat(failed)
                .as("TCK tests the reference implementation fails (see %s)", RECORDS)
                .isEmpty();

        for (TargetId target : TargetId.MATRIX) {
            TargetSummary status = result.target(target.id()).orElse(null);
            assertThat(status).as("status of target %s", target.id()).isNotNull();
            assertThat(status.availability())
                    .as("target %s must run docker-free here (reason: %s)", target.id(), status.reason())
                    .isEqualTo(Availability.AVAILABLE);
            assertThat(result.records().stream()
                            .filter(r ->
                                    r.target().equals(target.id()) && !r.container() && r.outcome() == Outcome.PASSED)
                            .count())
                    .as("tests passed on %s", target.id())
                    .isPositive();
        }
        List<TestRecord> silent = result.records().stream()
                .filter(r -> (r.outcome() == Outcome.SKIPPED || r.outcome() == Outcome.ABORTED)
                        && (r.reason() == null || r.reason().isBlank()))
                .toList();
        assertThat(silent).as("skipped or aborted records without a reason").isEmpty();
    }
}
