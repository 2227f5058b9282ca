package dev.mvmqtt.tck.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.reference.ReferenceMicrovisor;
import dev.mvmqtt.reference.ReferencePolicy;
import dev.mvmqtt.reference.ReferencePolicy.WithoutTlsCredentials;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvChannelType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Transport;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * TLS-REF-2's readings of a connect without tls_credentials that the TCK cannot reach through the default policy:
 * the relay's (TLS, trusting the platform's store) and the refusal. The TCK's own test covers the default, plain TCP.
 * The kit's CA stands in for a public CA by being put in the policy's platform trust store.
 */
class WithoutTlsCredentialsPolicyTest {
    private static final int IRQ = 21;

    @TargetTest(transport = Transport.TLS, versions = MqttVersion.V5)
    void theRelaysReadingIsTlsTrustingThePlatformsStore(TckTarget target) throws Exception {
        KeyStore platform = KeyStore.getInstance("PKCS12");
        platform.load(null, null);
        platform.setCertificateEntry(
                "kit-ca",
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(target.caCertificateDer())));
        ReferencePolicy relay = ReferencePolicy.defaults().withoutTlsCredentials(WithoutTlsCredentials.PLATFORM_TLS);

        assertThat(connectWithoutCredentials(new ReferenceMicrovisor(relay.withPlatformTrust(platform)), target))
                .as("no tls_credentials, TLS listener, the broker's CA in the platform store")
                .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat(connectWithoutCredentials(new ReferenceMicrovisor(relay), target))
                .as("no tls_credentials, the JDK's public CAs do not know the kit's CA")
                .isEqualTo(MvMqttRequestState.UNKNOWNCA);
        assertThat(connectWithoutCredentials(
                        new ReferenceMicrovisor(
                                ReferencePolicy.defaults().withoutTlsCredentials(WithoutTlsCredentials.REFUSED)),
                        target))
                .as("no tls_credentials under the REFUSED policy")
                .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
    }

    /** One device, one channel, a connect to the target's TLS listener with no tls_credentials; its response state. */
    private static MvMqttRequestState connectWithoutCredentials(Microvisor mv, TckTarget target)
            throws InterruptedException {
        try (mv) {
            LinkedBlockingQueue<Integer> irqs = new LinkedBlockingQueue<>();
            mv.registerIrqHandler(IRQ, irqs::add);
            U32Ref centre = new U32Ref();
            assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(IRQ, ByteBuffer.allocateDirect(16 * 16)), centre))
                    .isEqualTo(MvStatus.OKAY);
            U32Ref network = new U32Ref();
            assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(centre.get(), 1), network))
                    .isEqualTo(MvStatus.OKAY);
            U32Ref channel = new U32Ref();
            assertThat(mv.mvOpenChannel(
                            MvOpenChannelParams.builder()
                                    .notificationHandle(centre.get())
                                    .notificationTag(2)
                                    .networkHandle(network.get())
                                    .receiveBuffer(Firmware.aligned(1536))
                                    .sendBuffer(Firmware.aligned(1536))
                                    .channelType(MvChannelType.MQTT)
                                    .build(),
                            channel))
                    .isEqualTo(MvStatus.OKAY);
            assertThat(mv.mvMqttRequestConnect(
                            channel.get(),
                            Firmware.connectRequest(target, target.uniqueClientId("notls"))
                                    .tlsCredentials(null)
                                    .build()))
                    .isEqualTo(MvStatus.OKAY);
            long deadline =
                    System.nanoTime() + target.timeout(Firmware.ANSWER_TIMEOUT).toNanos();
            U32Ref type = new U32Ref();
            while (mv.mvMqttGetNextReadableDataType(channel.get(), type) == MvStatus.OKAY
                    && type.get() != MvMqttReadableDataType.CONNECTRESPONSE.code()) {
                assertThat(irqs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS))
                        .as("a notification before the deadline")
                        .isNotNull();
            }
            MvMqttConnectResponse response = new MvMqttConnectResponse();
            assertThat(mv.mvMqttReadConnectResponse(channel.get(), response)).isEqualTo(MvStatus.OKAY);
            return response.state();
        }
    }
}
