package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvNetworkStatus;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.DeviceTest;
import dev.mvmqtt.tck.settings.TckSettings;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/** mvRequestNetwork, mvGetNetworkStatus, mvReleaseNetwork. */
class NetworkTests {

    @DeviceTest
    @Asserts("NET-VERSION-1")
    void aVersionOtherThan1IsRefused(TckSettings settings) {
        try (Firmware fw = Firmware.bare(settings)) {
            Microvisor mv = fw.mv();
            for (int version : new int[] {0, 2, 3, -1, Integer.MAX_VALUE}) {
                U32Ref h = new U32Ref(0x4242);
                rule("NET-VERSION-1", "mvRequestNetwork with params version %d", version)
                        .assertThat(
                                mv.mvRequestNetwork(new MvRequestNetworkParams(version, fw.notificationHandle(), 1), h))
                        .isEqualTo(MvStatus.UNSUPPORTEDSTRUCTUREVERSION);
                rule("NET-VERSION-1", "no handle written").assertThat(h.get()).isEqualTo(0x4242);
            }
            U32Ref h = new U32Ref();
            rule("NET-VERSION-1", "version 1 is accepted")
                    .assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(fw.notificationHandle(), 1), h))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("NET-STATUS-1")
    void statusOfARequestedNetworkIsAHeaderCode(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            U32Ref status = new U32Ref(-1);
            rule("NET-STATUS-1", "mvGetNetworkStatus")
                    .assertThat(fw.mv().mvGetNetworkStatus(fw.networkHandle(), status))
                    .isEqualTo(MvStatus.OKAY);
            rule("NET-STATUS-1", "status written is a MvNetworkStatus code 0..3")
                    .assertThat(status.get())
                    .isBetween(0, 3);
            rule("NET-STATUS-1", "known status")
                    .assertThat(MvNetworkStatus.of(status.get()).isKnown())
                    .isTrue();
        }
    }

    @DeviceTest
    @Asserts({"NET-STATUS-1", "NET-NOTIF-1"})
    void statusStaysAHeaderCodeWhileTheLinkChanges(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    mv.networkLink().isPresent(), "implementation offers no network link control");
            var link = mv.networkLink().get();
            try {
                link.down();
                rule("NET-NOTIF-1", "the link going down is announced")
                        .assertThat(
                                fw.awaitRecord(MvEventType.NETWORKSTATUSCHANGED).tag())
                        .isEqualTo(Firmware.NETWORK_TAG);
                U32Ref status = new U32Ref(-1);
                rule("NET-STATUS-1", "status with the link down")
                        .assertThat(mv.mvGetNetworkStatus(fw.networkHandle(), status))
                        .isEqualTo(MvStatus.OKAY);
                rule("NET-STATUS-1", "status code with the link down")
                        .assertThat(status.get())
                        .isBetween(0, 3);
                rule("NET-STATUS-1", "with the link down the network is not CONNECTED")
                        .assertThat(status.get())
                        .isNotEqualTo(MvNetworkStatus.CONNECTED.code());
                link.up();
                rule("NET-STATUS-1", "status after the link is up")
                        .assertThat(mv.mvGetNetworkStatus(fw.networkHandle(), status))
                        .isEqualTo(MvStatus.OKAY);
                rule("NET-STATUS-1", "status code with the link up")
                        .assertThat(status.get())
                        .isBetween(0, 3);
                // The status follows the link: each change is announced (NET-NOTIF-1) and the network comes back
                // CONNECTED, possibly through CONNECTING, without the application asking again.
                long deadline = System.nanoTime() + fw.timeout().toNanos();
                while (status.get() != MvNetworkStatus.CONNECTED.code()) {
                    NotificationRecord change =
                            fw.pollRecord(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                    rule(
                                    "NET-STATUS-1",
                                    "the network comes back CONNECTED within %s of the link coming up (status %d)",
                                    fw.timeout(),
                                    status.get())
                            .assertThat(change)
                            .isNotNull();
                    if (change.type() != MvEventType.NETWORKSTATUSCHANGED) {
                        continue;
                    }
                    rule("NET-NOTIF-1", "the change carries the network's tag")
                            .assertThat(change.tag())
                            .isEqualTo(Firmware.NETWORK_TAG);
                    rule("NET-STATUS-1", "status after a change")
                            .assertThat(mv.mvGetNetworkStatus(fw.networkHandle(), status))
                            .isEqualTo(MvStatus.OKAY);
                    rule(
                                    "NET-STATUS-1",
                                    "with the link up again the network is CONNECTING or CONNECTED, never reported down")
                            .assertThat(status.get())
                            .isIn(MvNetworkStatus.CONNECTING.code(), MvNetworkStatus.CONNECTED.code());
                }
            } finally {
                link.up();
            }
        }
    }

    @DeviceTest
    @Asserts("GEN-FAULT-1")
    void nullArgumentsOfTheNetworkCallsAnswerParameterFault(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            rule("GEN-FAULT-1", "mvRequestNetwork(null params)")
                    .assertThat(mv.mvRequestNetwork(null, new U32Ref()))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvRequestNetwork(null handle cell)")
                    .assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(fw.notificationHandle(), 1), null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvGetNetworkStatus(null status cell)")
                    .assertThat(mv.mvGetNetworkStatus(fw.networkHandle(), null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvReleaseNetwork(null)")
                    .assertThat(mv.mvReleaseNetwork(null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvGetNetworkStatus(fw.networkHandle(), new U32Ref()))
                    .as("the network is still there")
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("NET-REF-1")
    void aNetworkRequestNamingNoCentreIsAParameterFault(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            for (int centre : new int[] {0, fw.networkHandle(), fw.notificationHandle() ^ 0x5a5a5a5a}) {
                U32Ref h = new U32Ref(0x4242);
                rule("NET-REF-1", "mvRequestNetwork with notification_handle 0x%08x", centre)
                        .assertThat(fw.mv().mvRequestNetwork(MvRequestNetworkParams.v1(centre, 1), h))
                        .isEqualTo(MvStatus.PARAMETERFAULT);
                rule("NET-REF-1", "no handle written").assertThat(h.get()).isEqualTo(0x4242);
            }
        }
    }

    /**
     * A channel that never connected and one whose connect failed hold no broker connection; the network going down
     * closes them all the same (header: NETWORKDISCONNECTED, the channel was closed due to a network disconnection).
     */
    @DeviceTest
    @Asserts("LOSS-NET-1")
    void aNetworkDropClosesChannelsWithoutABrokerConnection(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            Assumptions.assumeTrue(mv.networkLink().isPresent(), "implementation offers no network link control");
            NetworkLink link = mv.networkLink().get();
            int idle = fw.openChannel();
            int failed = fw.openChannel();
            rule("LOSS-NET-1", "a connect to a dead port")
                    .assertThat(fw.connect(
                                    failed,
                                    Devices.connectRequest(Devices.deadPort()).build())
                            .state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            link.down();
            try {
                for (int channel : new int[] {idle, failed}) {
                    rule("LOSS-NET-1", "closure reason after the network went down")
                            .assertThat(awaitClosureReason(fw, channel))
                            .isEqualTo(MvClosureReason.NETWORKDISCONNECTED);
                }
                rule("LOSS-NET-1", "a connect on a channel the network drop closed")
                        .assertThat(mv.mvMqttRequestConnect(
                                idle, Devices.connectRequest(Devices.deadPort()).build()))
                        .isNotEqualTo(MvStatus.OKAY);
            } finally {
                link.up();
            }
        }
    }

    /** The channel's closure reason once it is not NONE, waking on each notification, or NONE at the deadline. */
    private static MvClosureReason awaitClosureReason(Firmware fw, int channel) {
        long deadline = System.nanoTime() + fw.timeout().toNanos();
        while (true) {
            U32Ref reason = new U32Ref(-1);
            assertThat(fw.mv().mvGetChannelClosureReason(channel, reason))
                    .as("mvGetChannelClosureReason")
                    .isEqualTo(MvStatus.OKAY);
            MvClosureReason r = MvClosureReason.of(reason.get());
            if (!r.equals(MvClosureReason.NONE) || System.nanoTime() > deadline) {
                return r;
            }
            fw.pollRecord(Duration.ofMillis(100));
        }
    }
}
