package dev.mvmqtt.bench;

import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.broker.RunningBroker;
import dev.mvmqtt.tck.broker.TargetStatus;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;

/** The broker every benchmark runs on: the kit's docker-free Mosquitto, MQTT 5, plain TCP, on a free loopback port. */
final class BenchTarget {
    static final TargetId TARGET = TargetId.parse("mosquitto-v5-plain");

    private BenchTarget() {}

    /** Starts (or reuses) the shared broker; devices come from the provider named {@code implementation}. */
    static TckTarget start(String implementation) {
        TckSettings settings = TckSettings.builder()
                .implementation(implementation)
                .targets(TARGET)
                .provisioning(ProvisioningMode.DOCKER_FREE)
                .build();
        TargetStatus status = BrokerPool.shared().status(TARGET, settings);
        RunningBroker broker = status.broker()
                .orElseThrow(() -> new IllegalStateException(TARGET.id() + " unavailable: "
                        + status.unavailableReason().orElse("no reason given")));
        return new TckTarget(TARGET, broker, settings);
    }

    static void stop() {
        BrokerPool.closeShared();
    }
}
