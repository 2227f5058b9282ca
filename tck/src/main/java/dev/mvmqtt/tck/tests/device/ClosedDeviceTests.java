package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** GEN-REF-9: a closed device answers every call one documented way, from the call's header list, and issues nothing. */
class ClosedDeviceTests {

    @DeviceTest
    @Asserts("GEN-REF-9")
    void aClosedDeviceAnswersEveryCallAtOnceAndIssuesNothing(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            int centre = fw.notificationHandle();
            int network = fw.networkHandle();
            mv.close();
            while (fw.pollRecord(Duration.ZERO) != null) {
                // forget the records from before the close: only later ones count
            }
            int recordsBefore = fw.recordsSeen().size();

            Map<String, Supplier<MvStatus>> calls = new LinkedHashMap<>();
            calls.put("mvGetNetworkStatus", () -> mv.mvGetNetworkStatus(network, new U32Ref()));
            calls.put(
                    "mvOpenChannel",
                    () -> mv.mvOpenChannel(fw.channelParams(2048).build(), new U32Ref()));
            calls.put("mvGetChannelClosureReason", () -> mv.mvGetChannelClosureReason(channel, new U32Ref()));
            calls.put("mvMqttGetNextReadableDataType", () -> mv.mvMqttGetNextReadableDataType(channel, new U32Ref()));
            calls.put(
                    "mvMqttRequestConnect",
                    () -> mv.mvMqttRequestConnect(
                            channel, Devices.connectRequest(Devices.deadPort()).build()));
            calls.put(
                    "mvMqttReadConnectResponse",
                    () -> mv.mvMqttReadConnectResponse(channel, new MvMqttConnectResponse()));
            calls.put(
                    "mvMqttRequestSubscribe",
                    () -> mv.mvMqttRequestSubscribe(
                            channel,
                            new MvMqttSubscribeRequest(
                                    1,
                                    List.of(new MvMqttSubscription(MvSizedString.of("tck/closed"), 1, 0, 0, 0)),
                                    1)));
            calls.put(
                    "mvMqttReadSubscribeResponse",
                    () -> mv.mvMqttReadSubscribeResponse(channel, MvMqttSubscribeResponse.withRoomFor(4)));
            calls.put(
                    "mvMqttRequestUnsubscribe",
                    () -> mv.mvMqttRequestUnsubscribe(
                            channel, new MvMqttUnsubscribeRequest(2, List.of(MvSizedString.of("tck/closed")), 1)));
            calls.put(
                    "mvMqttReadUnsubscribeResponse",
                    () -> mv.mvMqttReadUnsubscribeResponse(channel, MvMqttUnsubscribeResponse.withRoomFor(4)));
            calls.put(
                    "mvMqttRequestPublish",
                    () -> mv.mvMqttRequestPublish(
                            channel, MvMqttPublishRequest.of(3, "tck/closed", new byte[] {1}, 1, false)));
            calls.put(
                    "mvMqttReadPublishResponse",
                    () -> mv.mvMqttReadPublishResponse(channel, new MvMqttPublishResponse()));
            calls.put("mvMqttReceiveMessage", () -> mv.mvMqttReceiveMessage(channel, MvMqttMessage.allocate(64, 64)));
            calls.put(
                    "mvMqttReceiveLostMessageInfo",
                    () -> mv.mvMqttReceiveLostMessageInfo(channel, MvMqttLostMessageInfo.allocate(64)));
            calls.put("mvMqttAcknowledgeMessage", () -> mv.mvMqttAcknowledgeMessage(channel, 1));
            calls.put("mvMqttRequestDisconnect", () -> mv.mvMqttRequestDisconnect(channel));
            calls.put(
                    "mvMqttReadDisconnectResponse",
                    () -> mv.mvMqttReadDisconnectResponse(channel, new MvMqttDisconnectResponse()));
            calls.put("mvReleaseNetwork", () -> mv.mvReleaseNetwork(new U32Ref(network)));
            calls.put("mvCloseChannel", () -> mv.mvCloseChannel(new U32Ref(channel)));
            calls.put("mvCloseNotifications", () -> mv.mvCloseNotifications(new U32Ref(centre)));
            calls.forEach((name, call) -> rule("GEN-REF-9", "%s after close()", name)
                    .assertThat(call.get())
                    .isEqualTo(MvStatus.INVALIDHANDLE));

            U32Ref network2 = new U32Ref(0x4141);
            rule("GEN-REF-9", "mvRequestNetwork after close() (its params name no open centre)")
                    .assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(centre, 1), network2))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-REF-9", "nothing written through the handle cell")
                    .assertThat(network2.get())
                    .isEqualTo(0x4141);
            U32Ref handle = new U32Ref(0x4242);
            rule("GEN-REF-9", "mvSetupNotifications after close() (no room for a centre)")
                    .assertThat(mv.mvSetupNotifications(
                            new MvNotificationSetup(60, ByteBuffer.allocateDirect(64), 64), handle))
                    .isEqualTo(MvStatus.TOOMANYNOTIFICATIONBUFFERS);
            rule("GEN-REF-9", "nothing written through the handle cell")
                    .assertThat(handle.get())
                    .isEqualTo(0x4242);
            U32Ref closing = new U32Ref(channel);
            mv.mvCloseChannel(closing);
            rule("GEN-REF-9", "a refused close writes no 0")
                    .assertThat(closing.get())
                    .isEqualTo(channel);

            rule("GEN-REF-9", "no notification after close()")
                    .assertThat(fw.pollRecord(Devices.quietWindow(settings)))
                    .isNull();
            rule("GEN-REF-9", "no notification after close()")
                    .assertThat(fw.recordsSeen())
                    .hasSize(recordsBefore);
        }
    }
}
