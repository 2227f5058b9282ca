package dev.mvmqtt.tck.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.target.Transport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What a run's records say about one target: whether it could be used, why not, and how its broker was provisioned.
 * Worked out once, by {@link #of(List, List)} at the end of a run, and read as it is by the report. (The live
 * state of a target during the run is {@link dev.mvmqtt.tck.broker.TargetStatus}.)
 *
 * @param target         target id, for example {@code hivemq-v5-tls}, or {@code device}
 * @param availability   available, unavailable (with the reason) or not run (no test reached it)
 * @param reason         why it was unavailable or not run; null when available
 * @param broker         broker family, or null for {@code device} and ids this kit does not know
 * @param mqttVersion    MQTT version, or null likewise
 * @param transport      transport, or null likewise
 * @param provisioning   how its broker was provisioned, or null when none was
 * @param brokerVersion  the broker's version, or null when unknown
 * @param containerImage the image Testcontainers ran for it ({@code NAME (id sha256:...)}), or null when it ran in
 *                       no container
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TargetSummary(
        String target,
        Availability availability,
        String reason,
        BrokerFamily broker,
        MqttVersion mqttVersion,
        Transport transport,
        Provisioning provisioning,
        String brokerVersion,
        String containerImage) {

    public TargetSummary {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(availability, "availability");
        reason = Redactor.redact(reason);
    }

    /** True when at least one test ran on it. */
    public boolean available() {
        return availability == Availability.AVAILABLE;
    }

    /** This summary with the image Testcontainers ran for it. */
    public TargetSummary withContainerImage(String image) {
        return new TargetSummary(
                target, availability, reason, broker, mqttVersion, transport, provisioning, brokerVersion, image);
    }

    /**
     * The summary of every selected target, of {@code device}, and of any other target a record names, in that
     * order: available when a test on it passed or failed; unavailable (with the most common abort reason) when
     * every test on it was aborted; not run otherwise.
     */
    public static List<TargetSummary> of(List<String> selectedTargets, List<TestRecord> records) {
        Set<String> order = new LinkedHashSet<>(selectedTargets);
        order.add(TestRecord.DEVICE);
        records.forEach(r -> order.add(r.target()));
        Map<String, List<TestRecord>> byTarget = records.stream()
                .collect(Collectors.groupingBy(TestRecord::target, LinkedHashMap::new, Collectors.toList()));
        List<TargetSummary> out = new ArrayList<>();
        for (String target : order) {
            out.add(of(target, byTarget.getOrDefault(target, List.of())));
        }
        return out;
    }

    /** The summary of {@code target} from the records on it (all of them, containers included). */
    public static TargetSummary of(String target, List<TestRecord> on) {
        Availability availability;
        String reason = null;
        if (on.stream()
                .anyMatch(r -> !r.container() && (r.outcome() == Outcome.PASSED || r.outcome() == Outcome.FAILED))) {
            availability = Availability.AVAILABLE;
        } else if (on.stream().anyMatch(r -> r.outcome() == Outcome.ABORTED)) {
            availability = Availability.UNAVAILABLE;
            reason = mostCommon(reasons(on, Outcome.ABORTED));
        } else if (on.stream().anyMatch(r -> r.outcome() == Outcome.SKIPPED)) {
            availability = Availability.NOT_RUN;
            reason = "every test on it was skipped: " + mostCommon(reasons(on, Outcome.SKIPPED));
        } else if (on.stream().anyMatch(r -> r.outcome() == Outcome.FAILED)) {
            availability = Availability.AVAILABLE; // only a container failed: the target itself was reached
        } else {
            availability = Availability.NOT_RUN;
            reason = "no test ran on this target";
        }
        TestRecord described =
                on.stream().filter(r -> r.provisioning() != null).findFirst().orElse(null);
        if (described != null) {
            return new TargetSummary(
                    target,
                    availability,
                    reason,
                    described.broker(),
                    described.mqttVersion(),
                    described.transport(),
                    described.provisioning(),
                    described.brokerVersion(),
                    null);
        }
        TargetId id = knownTarget(target);
        return id == null
                ? new TargetSummary(target, availability, reason, null, null, null, null, null, null)
                : new TargetSummary(
                        target, availability, reason, id.broker(), id.version(), id.transport(), null, null, null);
    }

    /** The value report entries and the report carry for a family: its id, or {@code none}. */
    public static String text(BrokerFamily broker) {
        return broker == null ? NONE : broker.id();
    }

    /** The value report entries and the report carry for a version: its label, or {@code none}. */
    public static String text(MqttVersion version) {
        return version == null ? NONE : version.label();
    }

    /** The value report entries and the report carry for a transport: its id, or {@code none}. */
    public static String text(Transport transport) {
        return transport == null ? NONE : transport.id();
    }

    /** The value report entries and the report carry for a provisioning: its id, or {@code none}. */
    public static String text(Provisioning provisioning) {
        return provisioning == null ? NONE : provisioning.id();
    }

    private static final String NONE = "none";

    private static TargetId knownTarget(String target) {
        try {
            return TargetId.parse(target);
        } catch (IllegalArgumentException notAMatrixTarget) {
            return null; // device, or a target id this kit does not know
        }
    }

    private static List<String> reasons(List<TestRecord> on, Outcome outcome) {
        return on.stream()
                .filter(r -> r.outcome() == outcome)
                .map(TestRecord::reason)
                .toList();
    }

    private static String mostCommon(List<String> values) {
        return values.stream()
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse("no reason given");
    }
}
