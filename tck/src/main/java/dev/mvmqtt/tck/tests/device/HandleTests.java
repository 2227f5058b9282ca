package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.DeviceTest;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/** Handles: non-zero, zeroed on close, INVALIDHANDLE for 0, unknown and wrong-kind handles; a closed channel's handle. */
class HandleTests {

    /** Every call that takes a handle by value, as name -> call with that handle. */
    static Map<String, IntFunction<MvStatus>> handleCalls(Microvisor mv, int deadPort) {
        Map<String, IntFunction<MvStatus>> calls = new LinkedHashMap<>();
        calls.put("mvGetNetworkStatus", h -> mv.mvGetNetworkStatus(h, new U32Ref()));
        calls.put("mvGetChannelClosureReason", h -> mv.mvGetChannelClosureReason(h, new U32Ref()));
        calls.put("mvMqttGetNextReadableDataType", h -> mv.mvMqttGetNextReadableDataType(h, new U32Ref()));
        calls.put(
                "mvMqttRequestConnect",
                h -> mv.mvMqttRequestConnect(h, Devices.connectRequest(deadPort).build()));
        calls.put("mvMqttReadConnectResponse", h -> mv.mvMqttReadConnectResponse(h, new MvMqttConnectResponse()));
        calls.put(
                "mvMqttRequestSubscribe",
                h -> mv.mvMqttRequestSubscribe(h, MvMqttSubscribeRequest.of(1, MvMqttSubscription.of("a/b", 1))));
        calls.put(
                "mvMqttReadSubscribeResponse",
                h -> mv.mvMqttReadSubscribeResponse(h, MvMqttSubscribeResponse.withRoomFor(8)));
        calls.put(
                "mvMqttRequestUnsubscribe", h -> mv.mvMqttRequestUnsubscribe(h, MvMqttUnsubscribeRequest.of(2, "a/b")));
        calls.put(
                "mvMqttReadUnsubscribeResponse",
                h -> mv.mvMqttReadUnsubscribeResponse(h, MvMqttUnsubscribeResponse.withRoomFor(8)));
        calls.put(
                "mvMqttRequestPublish",
                h -> mv.mvMqttRequestPublish(h, MvMqttPublishRequest.of(3, "a/b", new byte[] {1}, 1, false)));
        calls.put("mvMqttReadPublishResponse", h -> mv.mvMqttReadPublishResponse(h, new MvMqttPublishResponse()));
        calls.put("mvMqttReceiveMessage", h -> mv.mvMqttReceiveMessage(h, MvMqttMessage.allocate(64, 64)));
        calls.put(
                "mvMqttReceiveLostMessageInfo",
                h -> mv.mvMqttReceiveLostMessageInfo(h, MvMqttLostMessageInfo.allocate(64)));
        calls.put("mvMqttAcknowledgeMessage", h -> mv.mvMqttAcknowledgeMessage(h, 1));
        calls.put("mvMqttRequestDisconnect", h -> mv.mvMqttRequestDisconnect(h));
        calls.put(
                "mvMqttReadDisconnectResponse",
                h -> mv.mvMqttReadDisconnectResponse(h, new MvMqttDisconnectResponse()));
        calls.put("mvCloseChannel", h -> mv.mvCloseChannel(new U32Ref(h)));
        calls.put("mvReleaseNetwork", h -> mv.mvReleaseNetwork(new U32Ref(h)));
        calls.put("mvCloseNotifications", h -> mv.mvCloseNotifications(new U32Ref(h)));
        return calls;
    }

    private static int notAHandle(Set<Integer> issued) {
        int h = 0x5eed1234;
        while (h == 0 || issued.contains(h)) {
            h = h * 31 + 7;
        }
        return h;
    }

    @DeviceTest
    @Asserts("HANDLE-NONZERO-1")
    void everyIssuedHandleIsNonZero(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            rule("HANDLE-NONZERO-1", "mvSetupNotifications handle")
                    .assertThat(fw.notificationHandle())
                    .isNotZero();
            rule("HANDLE-NONZERO-1", "mvRequestNetwork handle")
                    .assertThat(fw.networkHandle())
                    .isNotZero();
            for (int i = 0; i < 4; i++) {
                U32Ref h = new U32Ref();
                assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(50 + i, ByteBuffer.allocateDirect(64)), h))
                        .as("mvSetupNotifications")
                        .isEqualTo(MvStatus.OKAY);
                rule("HANDLE-NONZERO-1", "notification handle %d", i)
                        .assertThat(h.get())
                        .isNotZero();
                U32Ref n = new U32Ref();
                assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(h.get(), i), n))
                        .as("mvRequestNetwork")
                        .isEqualTo(MvStatus.OKAY);
                rule("HANDLE-NONZERO-1", "network handle %d", i)
                        .assertThat(n.get())
                        .isNotZero();
                rule("HANDLE-NONZERO-1", "channel handle %d", i)
                        .assertThat(fw.openChannel())
                        .isNotZero();
            }
        }
    }

    @DeviceTest
    @Asserts("HANDLE-ZERO-1")
    void closingWritesZeroThroughTheHandle(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            U32Ref channel = new U32Ref(fw.openChannel());
            assertThat(mv.mvCloseChannel(channel)).as("mvCloseChannel").isEqualTo(MvStatus.OKAY);
            rule("HANDLE-ZERO-1", "mvCloseChannel writes 0 through the handle")
                    .assertThat(channel.get())
                    .isZero();

            U32Ref network = new U32Ref(fw.networkHandle());
            assertThat(mv.mvReleaseNetwork(network)).as("mvReleaseNetwork").isEqualTo(MvStatus.OKAY);
            rule("HANDLE-ZERO-1", "mvReleaseNetwork writes 0 through the handle")
                    .assertThat(network.get())
                    .isZero();

            U32Ref centre = new U32Ref(fw.notificationHandle());
            assertThat(mv.mvCloseNotifications(centre))
                    .as("mvCloseNotifications")
                    .isEqualTo(MvStatus.OKAY);
            rule("HANDLE-ZERO-1", "mvCloseNotifications writes 0 through the handle")
                    .assertThat(centre.get())
                    .isZero();
        }
    }

    @DeviceTest
    @Asserts("HANDLE-INVALID-1")
    void zeroAndUnknownHandlesAnswerInvalidHandle(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            int stale = fw.openChannel();
            assertThat(fw.closeChannel(stale)).as("mvCloseChannel").isEqualTo(MvStatus.OKAY);
            Set<Integer> issued = Set.of(fw.notificationHandle(), fw.networkHandle(), channel, stale);
            int unknown = notAHandle(issued);
            int port = Devices.deadPort();
            for (Map.Entry<String, IntFunction<MvStatus>> call :
                    handleCalls(mv, port).entrySet()) {
                rule("HANDLE-INVALID-1", "%s with handle 0", call.getKey())
                        .assertThat(call.getValue().apply(0))
                        .isEqualTo(MvStatus.INVALIDHANDLE);
                rule("HANDLE-INVALID-1", "%s with a handle never issued", call.getKey())
                        .assertThat(call.getValue().apply(unknown))
                        .isEqualTo(MvStatus.INVALIDHANDLE);
            }
            U32Ref cell = new U32Ref(unknown);
            rule("HANDLE-INVALID-1", "mvCloseChannel with an unknown handle")
                    .assertThat(mv.mvCloseChannel(cell))
                    .isEqualTo(MvStatus.INVALIDHANDLE);
            rule("HANDLE-INVALID-1", "a refused close leaves the handle cell alone")
                    .assertThat(cell.get())
                    .isEqualTo(unknown);
            // No effect: the live objects still work.
            U32Ref status = new U32Ref(-1);
            rule("HANDLE-INVALID-1", "the network still answers")
                    .assertThat(mv.mvGetNetworkStatus(fw.networkHandle(), status))
                    .isEqualTo(MvStatus.OKAY);
            rule("HANDLE-INVALID-1", "the channel still answers, nothing readable")
                    .assertThat(Devices.nextReadable(mv, channel).name())
                    .isEqualTo("NONE");
            rule("HANDLE-INVALID-1", "the live channel is still open")
                    .assertThat(fw.closeChannel(channel))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("CHAN-CLOSE-1")
    void aClosedChannelsReasonIsClosedByApplication(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int closed = fw.openChannel();
            assertThat(fw.closeChannel(closed)).as("mvCloseChannel").isEqualTo(MvStatus.OKAY);
            U32Ref reason = new U32Ref(-1);
            rule("CHAN-CLOSE-1", "mvGetChannelClosureReason with the closed channel's former handle")
                    .assertThat(fw.mv().mvGetChannelClosureReason(closed, reason))
                    .isEqualTo(MvStatus.OKAY);
            rule("CHAN-CLOSE-1", "closure reason")
                    .assertThat(reason.get())
                    .isEqualTo(MvClosureReason.CLOSEDBYAPPLICATION.code());
        }
    }

    @DeviceTest
    @Asserts("CHAN-REF-7")
    void aClosedChannelsHandleIsNeverAChannelAgain(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int stale = fw.openChannel();
            assertThat(fw.closeChannel(stale)).as("mvCloseChannel").isEqualTo(MvStatus.OKAY);
            for (Map.Entry<String, IntFunction<MvStatus>> call :
                    handleCalls(mv, Devices.deadPort()).entrySet()) {
                if (call.getKey().equals("mvGetChannelClosureReason")) {
                    rule("CHAN-REF-7", "%s still answers", call.getKey())
                            .assertThat(call.getValue().apply(stale))
                            .isEqualTo(MvStatus.OKAY);
                } else if (!call.getKey().equals("mvReleaseNetwork")
                        && !call.getKey().equals("mvCloseNotifications")) {
                    rule("CHAN-REF-7", "%s with a closed channel's handle", call.getKey())
                            .assertThat(call.getValue().apply(stale))
                            .isEqualTo(MvStatus.INVALIDHANDLE);
                }
            }
            // Five more opens: with the two before, seven calls stay under the open-rate limit of eight a second.
            for (int i = 0; i < 5; i++) {
                int again = fw.openChannel();
                rule("CHAN-REF-7", "a new channel never gets the closed channel's handle")
                        .assertThat(again)
                        .isNotEqualTo(stale);
                assertThat(fw.closeChannel(again)).isEqualTo(MvStatus.OKAY);
            }
        }
    }

    @DeviceTest
    @Asserts("HANDLE-REF-1")
    void handlesAreUniqueAcrossKinds(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            List<Integer> handles = new ArrayList<>(List.of(fw.notificationHandle(), fw.networkHandle()));
            for (int i = 0; i < 12; i++) {
                U32Ref h = new U32Ref();
                assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(60 + i, ByteBuffer.allocateDirect(32)), h))
                        .as("mvSetupNotifications")
                        .isEqualTo(MvStatus.OKAY);
                handles.add(h.get());
                for (int j = 0; j < 3; j++) {
                    U32Ref n = new U32Ref();
                    assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(h.get(), j), n))
                            .as("mvRequestNetwork")
                            .isEqualTo(MvStatus.OKAY);
                    handles.add(n.get());
                }
            }
            for (int i = 0; i < 4; i++) {
                handles.add(fw.openChannel());
            }
            rule("HANDLE-REF-1", "%d handles held at once are pairwise distinct: %s", handles.size(), handles)
                    .assertThat(new HashSet<>(handles))
                    .hasSize(handles.size());
        }
    }

    @DeviceTest
    @Asserts("HANDLE-REF-2")
    void aHandleOfAnotherKindAnswersInvalidHandle(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            int network = fw.networkHandle();
            int centre = fw.notificationHandle();
            int port = Devices.deadPort();
            Map<String, IntFunction<MvStatus>> calls = handleCalls(mv, port);
            for (Map.Entry<String, IntFunction<MvStatus>> call : calls.entrySet()) {
                String name = call.getKey();
                List<Integer> foreign = new ArrayList<>();
                if (name.equals("mvGetNetworkStatus") || name.equals("mvReleaseNetwork")) {
                    foreign.add(channel);
                    foreign.add(centre);
                } else if (name.equals("mvCloseNotifications")) {
                    foreign.add(channel);
                    foreign.add(network);
                } else {
                    foreign.add(network);
                    foreign.add(centre);
                }
                for (int h : foreign) {
                    String kind = h == channel ? "channel" : h == network ? "network" : "notification";
                    rule("HANDLE-REF-2", "%s given a live %s handle", name, kind)
                            .assertThat(call.getValue().apply(h))
                            .isEqualTo(MvStatus.INVALIDHANDLE);
                }
            }
            // Nothing was closed by the wrong-kind calls.
            rule("HANDLE-REF-2", "network untouched")
                    .assertThat(mv.mvGetNetworkStatus(network, new U32Ref()))
                    .isEqualTo(MvStatus.OKAY);
            rule("HANDLE-REF-2", "channel untouched, nothing readable")
                    .assertThat(Devices.nextReadable(mv, channel).name())
                    .isEqualTo("NONE");
            rule("HANDLE-REF-2", "centre untouched")
                    .assertThat(mv.mvCloseNotifications(new U32Ref(centre)))
                    .isEqualTo(MvStatus.OKAY);
        }
    }
}
