package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.DeviceTest;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** GEN-REFUSED-1: a call that does not answer OKAY issues nothing. */
class RefusedCallTests {

    @DeviceTest
    @Asserts("GEN-REFUSED-1")
    void refusedCallsWriteNoRecordAndQueueNothing(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            int port = Devices.deadPort();
            MvMqttSubscription[] nine = new MvMqttSubscription[9];
            for (int i = 0; i < 9; i++) {
                nine[i] = MvMqttSubscription.of("tck/refused/" + i, 0);
            }
            rule("GEN-REFUSED-1", "9 topics")
                    .assertThat(mv.mvMqttRequestSubscribe(channel, MvMqttSubscribeRequest.of(1, nine)))
                    .isEqualTo(MvStatus.TOOMANYELEMENTS);
            rule("GEN-REFUSED-1", "9 topics")
                    .assertThat(mv.mvMqttRequestUnsubscribe(
                            channel, MvMqttUnsubscribeRequest.of(2, "a", "b", "c", "d", "e", "f", "g", "h", "i")))
                    .isEqualTo(MvStatus.TOOMANYELEMENTS);
            rule("GEN-REFUSED-1", "empty host")
                    .assertThat(mv.mvMqttRequestConnect(
                            channel, Devices.connectRequest(port).host("").build()))
                    .isEqualTo(MvStatus.REQUIREDELEMENTMISSING);
            rule("GEN-REFUSED-1", "null client id")
                    .assertThat(mv.mvMqttRequestConnect(
                            channel,
                            Devices.connectRequest(port)
                                    .clientId(MvSizedString.of((String) null))
                                    .build()))
                    .isEqualTo(MvStatus.REQUIREDELEMENTMISSING);
            rule("GEN-REFUSED-1", "unknown method")
                    .assertThat(mv.mvMqttRequestConnect(
                            channel,
                            Devices.connectRequest(port)
                                    .authentication(new MvMqttAuthentication(5, null))
                                    .build()))
                    .isEqualTo(MvStatus.INVALIDAUTHENTICATION);
            rule("GEN-REFUSED-1", "9 CA certificates")
                    .assertThat(mv.mvMqttRequestConnect(
                            channel,
                            Devices.connectRequest(port)
                                    .tlsCredentials(MvTlsCredentials.serverOnly(Devices.chain(9)))
                                    .build()))
                    .isEqualTo(MvStatus.TOOMANYELEMENTS);
            rule("GEN-REFUSED-1", "null request")
                    .assertThat(mv.mvMqttRequestPublish(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-REFUSED-1", "handle 0")
                    .assertThat(
                            mv.mvMqttRequestPublish(0, MvMqttPublishRequest.of(3, "tck/x", new byte[] {1}, 0, false)))
                    .isEqualTo(MvStatus.INVALIDHANDLE);
            rule("GEN-REFUSED-1", "nothing waiting")
                    .assertThat(mv.mvMqttReadPublishResponse(channel, new MvMqttPublishResponse()))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            rule("GEN-REFUSED-1", "endpoint")
                    .assertThat(mv.mvOpenChannel(
                            fw.channelParams(1536)
                                    .endpoint(MvSizedString.of("x"))
                                    .build(),
                            new U32Ref()))
                    .isEqualTo(MvStatus.UNKNOWNCHANNELENDPOINT);
            rule("GEN-REFUSED-1", "size")
                    .assertThat(mv.mvOpenChannel(fw.channelParams(1000).build(), new U32Ref()))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            rule("GEN-REFUSED-1", "version")
                    .assertThat(mv.mvRequestNetwork(
                            new MvRequestNetworkParams(2, fw.notificationHandle(), 9), new U32Ref()))
                    .isEqualTo(MvStatus.UNSUPPORTEDSTRUCTUREVERSION);
            rule("GEN-REFUSED-1", "irq in use")
                    .assertThat(mv.mvSetupNotifications(
                            MvNotificationSetup.of(Firmware.IRQ, ByteBuffer.allocateDirect(64)), new U32Ref()))
                    .isEqualTo(MvStatus.INVALIDINTERRUPT);
            Devices.assertNothingIssued(
                    fw,
                    settings,
                    channel,
                    rule(
                            "GEN-REFUSED-1",
                            "TOOMANYELEMENTS, REQUIREDELEMENTMISSING, INVALIDAUTHENTICATION, "
                                    + "PARAMETERFAULT, INVALIDHANDLE, RESPONSENOTPRESENT and mvOpenChannel/mvRequestNetwork/mvSetupNotifications refusals"));
        }
    }

    @DeviceTest
    @Asserts("GEN-REFUSED-1")
    void aRateLimitedPublishHasNoResponse(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            int accepted = 0;
            MvStatus last = MvStatus.OKAY;
            while (last == MvStatus.OKAY && accepted < 1000) {
                last = mv.mvMqttRequestPublish(
                        channel, MvMqttPublishRequest.of(accepted, "tck/refused", new byte[] {1}, 0, false));
                if (last == MvStatus.OKAY) {
                    accepted++;
                }
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    last == MvStatus.RATELIMITED, "no publish limit reached within 1000 publishes (" + last + ")");
            fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
            for (int i = 0; i < 3; i++) {
                rule("GEN-REFUSED-1", "publish with %d responses unread", accepted)
                        .assertThat(mv.mvMqttRequestPublish(
                                channel, MvMqttPublishRequest.of(-1, "tck/refused", new byte[] {1}, 0, false)))
                        .isEqualTo(MvStatus.RATELIMITED);
                assertThat(mv.mvMqttReadPublishResponse(channel, new MvMqttPublishResponse()))
                        .as("read one")
                        .isEqualTo(MvStatus.OKAY);
                assertThat(mv.mvMqttRequestPublish(
                                channel,
                                MvMqttPublishRequest.of(accepted + i, "tck/refused", new byte[] {1}, 0, false)))
                        .as("one more accepted")
                        .isEqualTo(MvStatus.OKAY);
            }
            fw.pollRecord(Devices.quietWindow(settings));
            int readable = 0;
            while (Devices.nextReadable(mv, channel) == MvMqttReadableDataType.PUBLISHRESPONSE) {
                MvMqttPublishResponse r = new MvMqttPublishResponse();
                assertThat(mv.mvMqttReadPublishResponse(channel, r)).as("read").isEqualTo(MvStatus.OKAY);
                rule("GEN-REFUSED-1", "no response for a RATELIMITED publish (correlation id -1)")
                        .assertThat(r.correlationId)
                        .isNotEqualTo(-1);
                readable++;
            }
            rule("GEN-REFUSED-1", "responses left = accepted publishes not yet read")
                    .assertThat(readable)
                    .isEqualTo(accepted);
            rule("GEN-REFUSED-1", "nothing else readable")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            rule("GEN-REFUSED-1", "one record per accepted publish's response, none for the refused ones")
                    .assertThat(fw.recordsSeen())
                    .hasSizeLessThanOrEqualTo(accepted + 3);
        }
    }

    @TargetTest
    @Asserts("GEN-REFUSED-1")
    void refusedRequestsSendNothingToTheBroker(TckTarget target) {
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            Microvisor mv = fw.mv();
            String topic = target.uniqueTopic("refused");
            observer.subscribe(topic, 1);
            int channel = fw.connected(target);
            int accepted = 0;
            MvStatus last = MvStatus.OKAY;
            // Fill the publish limit with QoS 1 publishes to another topic, then publish to the watched topic.
            String filler = target.uniqueTopic("filler");
            while (last == MvStatus.OKAY && accepted < 1000) {
                last = mv.mvMqttRequestPublish(
                        channel, MvMqttPublishRequest.of(accepted, filler, new byte[] {1}, 1, false));
                if (last == MvStatus.OKAY) {
                    accepted++;
                }
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    last == MvStatus.RATELIMITED, "no publish limit reached within 1000 publishes (" + last + ")");
            rule("GEN-REFUSED-1", "publish while rate limited")
                    .assertThat(mv.mvMqttRequestPublish(
                            channel,
                            MvMqttPublishRequest.of(-1, topic, "refused".getBytes(StandardCharsets.UTF_8), 1, false)))
                    .isEqualTo(MvStatus.RATELIMITED);
            MvMqttSubscription[] nine = new MvMqttSubscription[9];
            for (int i = 0; i < 9; i++) {
                nine[i] = MvMqttSubscription.of(topic, 0);
            }
            rule("GEN-REFUSED-1", "9 topics")
                    .assertThat(mv.mvMqttRequestSubscribe(channel, MvMqttSubscribeRequest.of(7, nine)))
                    .isEqualTo(MvStatus.TOOMANYELEMENTS);
            // The refused subscribe subscribed nothing: a message the observer publishes does not arrive on the
            // channel.
            observer.publish(topic, "from-observer", 1, false);
            for (int i = 0; i < accepted; i++) {
                fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
                assertThat(mv.mvMqttReadPublishResponse(channel, new MvMqttPublishResponse()))
                        .as("read filler response")
                        .isEqualTo(MvStatus.OKAY);
            }
            fw.pollRecord(target.quietWindow()); // give a wrongly made subscription time to deliver
            rule("GEN-REFUSED-1", "no message and no response after the refused calls")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            // The window above came after the refused publish too, so it has had as long to reach the observer.
            observer.assertNoMessageSoFar(
                    m -> m.topic().equals(topic) && m.payloadUtf8().equals("refused"));
            rule("GEN-REFUSED-1", "disconnect")
                    .assertThat(fw.disconnect(channel).requestState)
                    .isZero();
        }
    }
}
