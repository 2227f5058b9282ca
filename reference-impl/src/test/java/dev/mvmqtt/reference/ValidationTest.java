package dev.mvmqtt.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.reference.support.Device;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvChannelType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.spec.api.mqtt.MvOwnTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synchronous validation of the reference, no broker needed. */
class ValidationTest {

    @Test
    void notificationSetupChecksSizeIrqAndOverlap() {
        try (ReferenceMicrovisor mv = new ReferenceMicrovisor()) {
            U32Ref h = new U32Ref();
            assertThat(mv.mvSetupNotifications(null, h)).isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(1, ByteBuffer.allocateDirect(16)), h))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(1, ByteBuffer.allocateDirect(40)), h))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            ByteBuffer ring = ByteBuffer.allocateDirect(64);
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(1, ring), h))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(h.get()).isNotZero();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(2, ring.slice(16, 32)), new U32Ref()))
                    .isEqualTo(MvStatus.BUFFERALREADYINUSE);
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(1, ByteBuffer.allocateDirect(32)), new U32Ref()))
                    .isEqualTo(MvStatus.INVALIDINTERRUPT);
            assertThat(mv.mvCloseNotifications(h)).isEqualTo(MvStatus.OKAY);
            assertThat(h.get()).isZero();
            assertThat(mv.mvCloseNotifications(h)).isEqualTo(MvStatus.INVALIDHANDLE);
        }
    }

    @Test
    void atMost32NotificationCentres() {
        try (ReferenceMicrovisor mv = new ReferenceMicrovisor()) {
            for (int i = 0; i < 32; i++) {
                assertThat(mv.mvSetupNotifications(
                                MvNotificationSetup.of(i, ByteBuffer.allocateDirect(32)), new U32Ref()))
                        .isEqualTo(MvStatus.OKAY);
            }
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(99, ByteBuffer.allocateDirect(32)), new U32Ref()))
                    .isEqualTo(MvStatus.TOOMANYNOTIFICATIONBUFFERS);
        }
    }

    @Test
    void channelBuffersMustBe512AlignedMultiplesOf512() {
        try (Device d = new Device()) {
            U32Ref ch = new U32Ref();
            ByteBuffer misaligned = Device.aligned(2048).position(16).slice();
            assertThat(d.mv.mvOpenChannel(
                            d.channelParams(1024)
                                    .receiveBuffer(misaligned, 1024)
                                    .build(),
                            ch))
                    .isEqualTo(MvStatus.INVALIDBUFFERALIGNMENT);
            assertThat(d.mv.mvOpenChannel(
                            d.channelParams(1024).sendBuffer(misaligned, 1024).build(), ch))
                    .isEqualTo(MvStatus.INVALIDBUFFERALIGNMENT);
            assertThat(d.mv.mvOpenChannel(
                            d.channelParams(1024)
                                    .receiveBuffer(Device.aligned(1024), 1000)
                                    .build(),
                            ch))
                    .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
            assertThat(d.mv.mvOpenChannel(
                            d.channelParams(1024)
                                    .receiveBuffer(ByteBuffer.allocate(1024))
                                    .build(),
                            ch))
                    .as("a heap buffer has no provable alignment")
                    .isEqualTo(MvStatus.INVALIDBUFFERALIGNMENT);
            assertThat(d.mv.mvOpenChannel(
                            d.channelParams(1024).receiveBuffer(null, 512).build(), ch))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
        }
    }

    @Test
    void channelTypeEndpointAndHandles() {
        try (Device d = new Device()) {
            U32Ref ch = new U32Ref();
            assertThat(d.mv.mvOpenChannel(d.channelParams(1024).channelType(99).build(), ch))
                    .isEqualTo(MvStatus.UNKNOWNCHANNELTYPE);
            assertThat(d.mv.mvOpenChannel(
                            d.channelParams(1024)
                                    .channelType(MvChannelType.HTTP)
                                    .build(),
                            ch))
                    .isEqualTo(MvStatus.UNAVAILABLE);
            assertThat(d.mv.mvOpenChannel(
                            d.channelParams(1024)
                                    .endpoint(MvSizedString.of("somewhere"))
                                    .build(),
                            ch))
                    .isEqualTo(MvStatus.UNKNOWNCHANNELENDPOINT);
            assertThat(d.mv.mvOpenChannel(
                            d.channelParams(1024).networkHandle(d.notifications).build(), ch))
                    .as("a notification handle is no network handle")
                    .isEqualTo(MvStatus.INVALIDHANDLE);
        }
    }

    @Test
    void fourChannelsAtMostAndTheNinthOpenWithinASecondIsRateLimited() {
        try (Device d = new Device()) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                open.add(d.openChannel());
            }
            assertThat(d.mv.mvOpenChannel(d.channelParams(1024).build(), new U32Ref()))
                    .isEqualTo(MvStatus.TOOMANYCHANNELS);
            for (int h : open) {
                U32Ref ref = new U32Ref(h);
                assertThat(d.mv.mvCloseChannel(ref)).isEqualTo(MvStatus.OKAY);
                assertThat(ref.get()).isZero();
            }
            // Five calls so far; three more are allowed, the ninth is refused.
            for (int i = 0; i < 3; i++) {
                U32Ref ref = new U32Ref();
                assertThat(d.mv.mvOpenChannel(d.channelParams(1024).build(), ref))
                        .isEqualTo(MvStatus.OKAY);
            }
            assertThat(d.mv.mvOpenChannel(d.channelParams(1024).build(), new U32Ref()))
                    .isEqualTo(MvStatus.RATELIMITED);
        }
    }

    private static MvMqttConnectRequest.Builder valid() {
        return MvMqttConnectRequest.builder().host("127.0.0.1").port(1883).clientId("c");
    }

    @Test
    void connectSynchronousRefusals() {
        try (Device d = new Device()) {
            int ch = d.openChannel();
            assertThat(d.mv.mvMqttRequestConnect(ch, null)).isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(d.mv.mvMqttRequestConnect(ch ^ 0x5a5a, valid().build())).isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(d.mv.mvMqttRequestConnect(ch, valid().host("").build()))
                    .isEqualTo(MvStatus.REQUIREDELEMENTMISSING);
            assertThat(d.mv.mvMqttRequestConnect(
                            ch, valid().clientId((String) null).build()))
                    .isEqualTo(MvStatus.REQUIREDELEMENTMISSING);
            assertThat(d.mv.mvMqttRequestConnect(
                            ch,
                            valid().will(new MvMqttWill(MvSizedString.EMPTY, MvSizedString.of("x"), 0, 0))
                                    .build()))
                    .isEqualTo(MvStatus.REQUIREDELEMENTMISSING);
            MvTlsCertificateChain oneCert = MvTlsCertificateChain.ofDer(List.of(new byte[] {1}));
            MvTlsCredentials mutual = new MvTlsCredentials(
                    oneCert, new MvOwnTlsCertificateChain(oneCert, MvSizedString.of(new byte[] {2})));
            assertThat(d.mv.mvMqttRequestConnect(
                            ch,
                            valid().authentication(MvMqttAuthentication.usernamePassword("u", "p"))
                                    .tlsCredentials(mutual)
                                    .build()))
                    .isEqualTo(MvStatus.INVALIDAUTHENTICATION);
            MvTlsCertificateChain nine = MvTlsCertificateChain.ofDer(Collections.nCopies(9, new byte[] {1}));
            assertThat(d.mv.mvMqttRequestConnect(
                            ch,
                            valid().tlsCredentials(MvTlsCredentials.serverOnly(nine))
                                    .build()))
                    .isEqualTo(MvStatus.TOOMANYELEMENTS);
            MvTlsCredentials noKey =
                    new MvTlsCredentials(oneCert, new MvOwnTlsCertificateChain(oneCert, MvSizedString.EMPTY));
            assertThat(d.mv.mvMqttRequestConnect(
                            ch, valid().tlsCredentials(noKey).build()))
                    .isEqualTo(MvStatus.REQUIREDELEMENTMISSING);
            // None of those issued anything: the channel has nothing to read.
            U32Ref type = new U32Ref(-1);
            assertThat(d.mv.mvMqttGetNextReadableDataType(ch, type)).isEqualTo(MvStatus.OKAY);
            assertThat(type.get()).isZero();
        }
    }

    @Test
    void lateFaultLeavesTheChannelUnusable() {
        try (Device d = new Device()) {
            int ch = d.openChannel();
            assertThat(d.mv.mvMqttRequestConnect(
                            ch, valid().host(MvSizedString.raw(new byte[2], 10)).build()))
                    .isEqualTo(MvStatus.LATEFAULT);
            assertThat(d.mv.mvMqttRequestConnect(ch, valid().build())).isEqualTo(MvStatus.CHANNELCLOSED);
            U32Ref reason = new U32Ref();
            assertThat(d.mv.mvGetChannelClosureReason(ch, reason)).isEqualTo(MvStatus.OKAY);
            assertThat(reason.get()).isEqualTo(dev.mvmqtt.spec.api.codes.MvClosureReason.UNEXPECTEDLYTERMINATED.code());
        }
    }

    @Test
    void readsWithNothingWaitingAndTooManyTopics() {
        try (Device d = new Device()) {
            int ch = d.openChannel();
            assertThat(d.mv.mvMqttReceiveMessage(ch, MvMqttMessage.allocate(16, 16)))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            MvMqttSubscription[] nine = new MvMqttSubscription[9];
            Arrays.fill(nine, MvMqttSubscription.of("a", 0));
            assertThat(d.mv.mvMqttRequestSubscribe(ch, MvMqttSubscribeRequest.of(1, nine)))
                    .isEqualTo(MvStatus.TOOMANYELEMENTS);
        }
    }

    @Test
    void noCallThrowsOnNullsAndForeignHandles() {
        try (ReferenceMicrovisor mv = new ReferenceMicrovisor()) {
            assertThat(mv.mvRequestNetwork(null, null)).isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvRequestNetwork(new MvRequestNetworkParams(2, 0, 0), new U32Ref()))
                    .isEqualTo(MvStatus.UNSUPPORTEDSTRUCTUREVERSION);
            assertThat(mv.mvGetNetworkStatus(0, new U32Ref())).isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(mv.mvReleaseNetwork(null)).isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvOpenChannel(MvOpenChannelParams.builder().build(), new U32Ref()))
                    .isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(mv.mvCloseChannel(new U32Ref(12345))).isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(mv.mvGetChannelClosureReason(1, null)).isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttGetNextReadableDataType(1, new U32Ref())).isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(mv.mvMqttRequestPublish(1, MvMqttPublishRequest.of(1, "t", null, 0, false)))
                    .isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(mv.mvMqttAcknowledgeMessage(1, 1)).isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(mv.mvMqttRequestDisconnect(0)).isEqualTo(MvStatus.INVALIDHANDLE);
            assertThat(mv.mvMqttReadDisconnectResponse(0, null)).isEqualTo(MvStatus.PARAMETERFAULT);
        }
    }
}
