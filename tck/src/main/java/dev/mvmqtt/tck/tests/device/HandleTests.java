package dev.mvmqtt.tck.tests.device;

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
        calls.put("mvMqttRequestConnect", h -> mv.mvMqttRequestConnect(h, Devices.connectRequest(deadPort).build()));
        calls.put("mvMqttReadConnectResponse", h -> mv.mvMqttReadConnectResponse(h, new MvMqttConnectResponse()));
        calls.put("mvMqttRequestSubscribe", h -> mv.mvMqttRequestSubscribe(h, MvMqttSubscribeRequest.of(1, MvMqttSubscription.of("a/b", 1))));
        calls.put("mvMqttReadSubscribeResponse", h -> mv.mvMqttReadSubscribeResponse(h, MvMqttSubscribeResponse.withRoomFor(8)));
        calls.put("mvMqttRequestUnsubscribe", h -> mv.mvMqttRequestUnsubscribe(h, MvMqttUnsubscribeRequest.of(2, "a/b")));
        calls.put("mvMqttReadUnsubscribeResponse", h -> mv.mvMqttReadUnsubscribeResponse(h, MvMqttUnsubscribeResponse.withRoomFor(8)));
        calls.put("mvMqttRequestPublish", h -> mv.mvMqttRequestPublish(h, MvMqttPublishRequest.of(3, "a/b", new byte[] {1}, 1, false)));
        calls.put("mvMqttReadPublishResponse", h -> mv.mvMqttReadPublishResponse(h, new MvMqttPublishResponse()));
        calls.put("mvMqttReceiveMessage", h -> mv.mvMqttReceiveMessage(h, MvMqttMessage.allocate(64, 64)));
        calls.put("mvMqttReceiveLostMessageInfo", h -> mv.mvMqttReceiveLostMessageInfo(h, MvMqttLostMessageInfo.allocate(64)));
        calls.put("mvMqttAcknowledgeMessage", h -> mv.mvMqttAcknowledgeMessage(h, 1));
        calls.put("mvMqttRequestDisconnect", h -> mv.mvMqttRequestDisconnect(h));
        calls.put("mvMqttReadDisconnectResponse", h -> mv.mvMqttReadDisconnectResponse(h, new MvMqttDisconnectResponse()));
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
            assertThat(fw.notificationHandle()).as("HANDLE-NONZERO-1: mvSetupNotifications handle").isNotZero();
            assertThat(fw.networkHandle()).as("HANDLE-NONZERO-1: mvRequestNetwork handle").isNotZero();
            for (int i = 0; i < 4; i++) {
                U32Ref h = new U32Ref();
                assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(50 + i, ByteBuffer.allocateDirect(64)), h))
                        .as("mvSetupNotifications").isEqualTo(MvStatus.OKAY);
                assertThat(h.get()).as("HANDLE-NONZERO-1: notification handle %d", i).isNotZero();
                U32Ref n = new U32Ref();
                assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(h.get(), i), n)).as("mvRequestNetwork").isEqualTo(MvStatus.OKAY);
                assertThat(n.get()).as("HANDLE-NONZERO-1: network handle %d", i).isNotZero();
                assertThat(fw.openChannel()).as("HANDLE-NONZERO-1: channel handle %d", i).isNotZero();
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
            assertThat(channel.get()).as("HANDLE-ZERO-1: mvCloseChannel writes 0 through the handle").isZero();

            U32Ref network = new U32Ref(fw.networkHandle());
            assertThat(mv.mvReleaseNetwork(network)).as("mvReleaseNetwork").isEqualTo(MvStatus.OKAY);
            assertThat(network.get()).as("HANDLE-ZERO-1: mvReleaseNetwork writes 0 through the handle").isZero();

            U32Ref centre = new U32Ref(fw.notificationHandle());
            assertThat(mv.mvCloseNotifications(centre)).as("mvCloseNotifications").isEqualTo(MvStatus.OKAY);
            assertThat(centre.get()).as("HANDLE-ZERO-1: mvCloseNotifications writes 0 through the handle").isZero();
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
            for (Map.Entry<String, IntFunction<MvStatus>> call : handleCalls(mv, port).entrySet()) {
                assertThat(call.getValue().apply(0)).as("HANDLE-INVALID-1: %s with handle 0", call.getKey())
                        .isEqualTo(MvStatus.INVALIDHANDLE);
                assertThat(call.getValue().apply(unknown)).as("HANDLE-INVALID-1: %s with a handle never issued", call.getKey())
                        .isEqualTo(MvStatus.INVALIDHANDLE);
            }
            U32Ref cell = new U32Ref(unknown);
            assertThat(mv.mvCloseChannel(cell)).as("mvCloseChannel with an unknown handle").isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(cell.get()).as("HANDLE-INVALID-1: a refused close leaves the handle cell alone").isEqualTo(unknown);
            // No effect: the live objects still work.
            U32Ref status = new U32Ref(-1);
            assertThat(mv.mvGetNetworkStatus(fw.networkHandle(), status)).as("HANDLE-INVALID-1: the network still answers")
                    .isEqualTo(MvStatus.OKAY);
            assertThat(Devices.nextReadable(mv, channel).name()).as("HANDLE-INVALID-1: the channel still answers, nothing readable")
                    .isEqualTo("NONE");
            assertThat(fw.closeChannel(channel)).as("HANDLE-INVALID-1: the live channel is still open").isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("CHAN-CLOSE-1")
    void aClosedChannelsReasonIsClosedByApplication(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int closed = fw.openChannel();
            assertThat(fw.closeChannel(closed)).as("mvCloseChannel").isEqualTo(MvStatus.OKAY);
            U32Ref reason = new U32Ref(-1);
            assertThat(fw.mv().mvGetChannelClosureReason(closed, reason))
                    .as("CHAN-CLOSE-1: mvGetChannelClosureReason with the closed channel's former handle").isEqualTo(MvStatus.OKAY);
            assertThat(reason.get()).as("CHAN-CLOSE-1: closure reason").isEqualTo(MvClosureReason.CLOSEDBYAPPLICATION.code());
        }
    }

    @DeviceTest
    @Asserts("CHAN-REF-7")
    void aClosedChannelsHandleIsNeverAChannelAgain(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int stale = fw.openChannel();
            assertThat(fw.closeChannel(stale)).as("mvCloseChannel").isEqualTo(MvStatus.OKAY);
            for (Map.Entry<String, IntFunction<MvStatus>> call : handleCalls(mv, Devices.deadPort()).entrySet()) {
                if (call.getKey().equals("mvGetChannelClosureReason")) {
                    assertThat(call.getValue().apply(stale)).as("CHAN-REF-7: %s still answers", call.getKey()).isEqualTo(MvStatus.OKAY);
                } else if (!call.getKey().equals("mvReleaseNetwork") && !call.getKey().equals("mvCloseNotifications")) {
                    assertThat(call.getValue().apply(stale)).as("CHAN-REF-7: %s with a closed channel's handle", call.getKey())
                            .isEqualTo(MvStatus.INVALIDHANDLE);
                }
            }
            // Five more opens: with the two before, seven calls stay under the open-rate limit of eight a second.
            for (int i = 0; i < 5; i++) {
                int again = fw.openChannel();
                assertThat(again).as("CHAN-REF-7: a new channel never gets the closed channel's handle").isNotEqualTo(stale);
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
                        .as("mvSetupNotifications").isEqualTo(MvStatus.OKAY);
                handles.add(h.get());
                for (int j = 0; j < 3; j++) {
                    U32Ref n = new U32Ref();
                    assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(h.get(), j), n)).as("mvRequestNetwork").isEqualTo(MvStatus.OKAY);
                    handles.add(n.get());
                }
            }
            for (int i = 0; i < 4; i++) {
                handles.add(fw.openChannel());
            }
            assertThat(new HashSet<>(handles)).as("HANDLE-REF-1: %d handles held at once are pairwise distinct: %s", handles.size(), handles)
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
                    assertThat(call.getValue().apply(h)).as("HANDLE-REF-2: %s given a live %s handle", name, kind)
                            .isEqualTo(MvStatus.INVALIDHANDLE);
                }
            }
            // Nothing was closed by the wrong-kind calls.
            assertThat(mv.mvGetNetworkStatus(network, new U32Ref())).as("HANDLE-REF-2: network untouched").isEqualTo(MvStatus.OKAY);
            assertThat(Devices.nextReadable(mv, channel).name()).as("HANDLE-REF-2: channel untouched, nothing readable").isEqualTo("NONE");
            assertThat(mv.mvCloseNotifications(new U32Ref(centre))).as("HANDLE-REF-2: centre untouched").isEqualTo(MvStatus.OKAY);
        }
    }
}
