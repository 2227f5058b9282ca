package dev.mvmqtt.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import dev.mvmqtt.tck.settings.TckSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything a TCK run produced: which implementation ran, with which settings, when, every test record, and
 * which targets were available.
 *
 * @param implementationName    the provider's {@code name()}
 * @param implementationVersion the provider's {@code version()}
 * @param implementationClass   the provider's class name
 * @param settings              the settings installed for the run
 * @param started               when the run started
 * @param finished              when it finished
 * @param records               one per test run (and per container failed, aborted or skipped as a whole)
 * @param targets               per target: availability, reason, provisioning and broker version; the selected
 *                              targets first, then {@code device}, then any other target a test reported
 * @param testcontainers        whether the run's local targets used Testcontainers, and why, as the run decided it
 *                              (see {@link dev.mvmqtt.tck.broker.BrokerPool#testcontainersDecision})
 */
@API(status = STABLE, since = "0.1")
public record TckRunResult(
        String implementationName,
        String implementationVersion,
        String implementationClass,
        TckSettings settings,
        Instant started,
        Instant finished,
        List<TestRecord> records,
        List<TargetSummary> targets,
        String testcontainers) {

    public TckRunResult {
        Objects.requireNonNull(implementationName, "implementationName");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        records = List.copyOf(records);
        targets = List.copyOf(targets);
        Objects.requireNonNull(testcontainers, "testcontainers");
    }

    /** How long the run took. */
    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** The status of one target, if it was selected or seen. */
    public Optional<TargetSummary> target(String id) {
        return targets.stream().filter(t -> t.target().equals(id)).findFirst();
    }
}
