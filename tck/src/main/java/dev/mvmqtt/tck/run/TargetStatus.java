package dev.mvmqtt.tck.run;

import java.util.Objects;

/**
 * Whether a target could be used in a run, and how it was provisioned.
 *
 * @param target        target id, for example {@code hivemq-v5-tls}, or {@code device}
 * @param availability  available, unavailable (with the reason) or not run (no test reached it)
 * @param reason        why it was unavailable or not run; null when available
 * @param broker        broker family or {@code none}
 * @param mqttVersion   {@code 3.1.1}, {@code 5} or {@code none}
 * @param transport     {@code plain}, {@code tls} or {@code none}
 * @param provisioning  how its broker was provisioned, or {@code none}
 * @param brokerVersion the broker's version, or null when unknown
 */
public record TargetStatus(String target, Availability availability, String reason, String broker,
                           String mqttVersion, String transport, String provisioning, String brokerVersion) {

    /** Whether a target was usable. */
    public enum Availability {
        /** At least one test ran on it. */
        AVAILABLE,
        /** Its broker could not be started or reached; every test on it was aborted with the reason. */
        UNAVAILABLE,
        /** Selected, but no test ran on it (for example no test in the run needs a broker). */
        NOT_RUN
    }

    public TargetStatus {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(availability, "availability");
        reason = Redactor.redact(reason);
    }

    /** True when at least one test ran on it. */
    public boolean available() {
        return availability == Availability.AVAILABLE;
    }
}
