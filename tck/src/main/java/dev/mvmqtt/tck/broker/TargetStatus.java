package dev.mvmqtt.tck.broker;

import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a target can be used in this run: its running broker, or the reason it is unavailable. A test on an
 * unavailable target is reported as skipped with {@link #unavailableReason()}, never as passed.
 */
public final class TargetStatus {
    private final TargetId target;
    private final Provisioning provisioning;
    private final RunningBroker broker;
    private final String reason;

    private TargetStatus(TargetId target, Provisioning provisioning, RunningBroker broker, String reason) {
        this.target = Objects.requireNonNull(target);
        this.provisioning = provisioning;
        this.broker = broker;
        this.reason = reason;
    }

    /** The target is served by {@code broker}. */
    public static TargetStatus available(TargetId target, RunningBroker broker) {
        return new TargetStatus(target, broker.provisioning(), Objects.requireNonNull(broker), null);
    }

    /** The target cannot be used; {@code provisioning} is what was tried (null when nothing was). */
    public static TargetStatus unavailable(TargetId target, Provisioning provisioning, String reason) {
        return new TargetStatus(target, provisioning, null, Objects.requireNonNull(reason));
    }

    /** The target. */
    public TargetId target() {
        return target;
    }

    /** True when a broker serves the target. */
    public boolean isAvailable() {
        return broker != null;
    }

    /** The running broker, when available. */
    public Optional<RunningBroker> broker() {
        return Optional.ofNullable(broker);
    }

    /** The provisioning that serves (or failed to serve) the target, when one was chosen. */
    public Optional<Provisioning> provisioning() {
        return Optional.ofNullable(provisioning);
    }

    /** Why the target is unavailable ({@code target unavailable: REASON}); empty when it is available. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return target.id() + (broker != null ? ": " + broker : ": unavailable: " + reason);
    }
}
