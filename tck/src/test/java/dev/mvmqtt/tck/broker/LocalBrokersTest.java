package dev.mvmqtt.tck.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ObserverException;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Transport;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Every selected target starts and carries MQTT byte-exact, TLS trusts exactly our CA, the expired listener
 * fails on expiry, and authentication behaves as the TCK needs, on both brokers.
 */
class LocalBrokersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static byte[] allByteValues() {
        byte[] b = new byte[256 + 3];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        b[256] = 0;
        b[257] = (byte) 0xff;
        b[258] = 0;
        return b;
    }

    @TargetTest(versions = MqttVersion.V5)
    void observerReadsTheBrokersPubAckReasonCode(TckTarget target) {
        try (Observer observer = target.observer()) {
            String heard = target.uniqueTopic("heard");
            observer.subscribe(heard, 1);
            assertThat(observer.pubAckReasonCode(heard, new byte[] {1})).hasValue(0x00);
            // both local brokers take MQTT 5's 0x10 "no matching subscribers" (Artemis takes 0x00)
            assertThat(observer.pubAckReasonCode(target.uniqueTopic("nobody"), new byte[] {1}))
                    .hasValue(0x10);
        }
    }

    @TargetTest(versions = MqttVersion.V3_1_1)
    void anMqtt311PubAckHasNoReasonCode(TckTarget target) {
        try (Observer observer = target.observer()) {
            assertThat(observer.pubAckReasonCode(target.uniqueTopic("nobody"), new byte[] {1}))
                    .isEmpty();
        }
    }

    @TargetTest
    void observerReceivesItsOwnPublishesByteExact(TckTarget target) {
        String topic = target.uniqueTopic("roundtrip");
        byte[] binary = allByteValues();
        try (Observer observer = target.observer()) {
            assertThat(observer.subscribe(topic + "/#", 2)).isEqualTo(2);
            observer.publish(topic + "/q0", binary, 0, false);
            observer.publish(topic + "/q1", binary, 1, false);
            observer.publish(topic + "/q2", binary, 2, false);
            observer.publish(topic + "/empty", new byte[0], 1, false);
            List<ReceivedMessage> got = observer.awaitMessages(4, target.timeout(WAIT));
            assertThat(got).hasSize(4);
            assertThat(got).anySatisfy(m -> {
                assertThat(m.topic()).isEqualTo(topic + "/q0");
                assertThat(m.payload()).isEqualTo(binary);
                assertThat(m.qos()).isZero();
                assertThat(m.retain()).isFalse();
            });
            assertThat(got).anySatisfy(m -> {
                assertThat(m.topic()).isEqualTo(topic + "/q1");
                assertThat(m.payload()).isEqualTo(binary);
                assertThat(m.qos()).isEqualTo(1);
            });
            assertThat(got).anySatisfy(m -> {
                assertThat(m.topic()).isEqualTo(topic + "/q2");
                assertThat(m.payload()).isEqualTo(binary);
                assertThat(m.qos()).isEqualTo(2);
            });
            assertThat(got).anySatisfy(m -> {
                assertThat(m.topic()).isEqualTo(topic + "/empty");
                assertThat(m.payload()).isEmpty();
            });
            observer.assertNoMessageWithin(
                    target.timeout(Duration.ofMillis(100)), m -> !m.topic().startsWith(topic));
        }
    }

    @TargetTest
    void retainedMessageReachesALaterSubscriber(TckTarget target) {
        String topic = target.uniqueTopic("retained");
        try (Observer publisher = target.observer()) {
            publisher.publish(topic, "kept", 1, true);
            try (Observer late = target.observer()) {
                late.subscribe(topic, 1);
                ReceivedMessage m = late.awaitMessages(1, target.timeout(WAIT)).get(0);
                assertThat(m.payloadUtf8()).isEqualTo("kept");
                assertThat(m.retain()).isTrue();
            }
            publisher.clearRetained(topic);
        }
    }

    @TargetTest(transport = Transport.TLS)
    void tlsWithTheOtherCaFails(TckTarget target) {
        assertThatThrownBy(() -> target.observerBuilder()
                        .tls(target.tls().otherCaCertificateDer())
                        .connect())
                .isInstanceOfSatisfying(ObserverException.class, e -> {
                    assertThat(e.reasonCode()).isEmpty();
                    assertThat(e.hasCause(SSLException.class))
                            .as("SSL failure in %s", e)
                            .isTrue();
                });
    }

    @TargetTest(transport = Transport.TLS)
    void tlsWithAClientCertificateIsAccepted(TckTarget target) {
        try (Observer observer =
                target.observerBuilder().clientCertificate(target.tls()).connect()) {
            String topic = target.uniqueTopic("mtls");
            observer.subscribe(topic, 1);
            observer.publish(topic, "m", 1, false);
            assertThat(observer.awaitMessages(1, target.timeout(WAIT)).get(0).payloadUtf8())
                    .isEqualTo("m");
        }
    }

    @TargetTest(transport = Transport.TLS)
    void expiredListenerFailsOnExpiry(TckTarget target) {
        Observer.Builder b = Observer.builder(target.host(), target.expiredTlsPort(), target.version())
                .tls(target.caCertificateDer())
                .timeout(target.timeout(WAIT));
        assertThatThrownBy(b::connect)
                .isInstanceOfSatisfying(
                        ObserverException.class,
                        e -> assertThat(e.hasCause(CertificateExpiredException.class))
                                .as("expiry in %s", e)
                                .isTrue());
    }

    @TargetTest
    void rightPasswordIsAccepted(TckTarget target) {
        var c = target.credentials();
        try (Observer o =
                target.observerBuilder().credentials(c.username(), c.password()).connect()) {
            assertThat(o.clientId()).isNotEmpty();
        }
    }

    @TargetTest
    void wrongPasswordIsRefused(TckTarget target) {
        var c = target.credentials();
        assertThatThrownBy(() -> target.observerBuilder()
                        .credentials(c.username(), c.wrongPassword())
                        .connect())
                .isInstanceOfSatisfying(ObserverException.class, e -> {
                    int code = e.reasonCode().orElseThrow();
                    boolean v5 = target.version() == MqttVersion.V5;
                    switch (target.id().broker()) {
                        // HiveMQ: bad user name or password (5: 0x86, 3.1.1: 4)
                        case HIVEMQ -> assertThat(code).isEqualTo(v5 ? 0x86 : 4);
                        // Mosquitto 2: not authorised (5: 0x87, 3.1.1: 5)
                        case MOSQUITTO -> assertThat(code).isEqualTo(v5 ? 0x87 : 5);
                        default -> assertThat(code).isNotZero();
                    }
                });
    }

    @TargetTest
    void unknownUserIsRefused(TckTarget target) {
        assertThatThrownBy(() -> target.observerBuilder()
                        .credentials("nobody-" + target.uniqueClientId("u"), "x")
                        .connect())
                .isInstanceOfSatisfying(
                        ObserverException.class, e -> assertThat(e.reasonCode()).isPresent());
    }

    @TargetTest
    void noUsernameIsAccepted(TckTarget target) {
        try (Observer o = target.observerBuilder().anonymous().connect()) {
            assertThat(o.sessionPresent()).isFalse();
        }
    }

    @TargetTest
    void aPersistentSessionKeepsQos1MessagesWhileOffline(TckTarget target) {
        String topic = target.uniqueTopic("offline");
        String clientId = target.uniqueClientId("persist");
        Observer first = target.observerBuilder()
                .clientId(clientId)
                .cleanStart(false)
                .sessionExpiry(Duration.ofMinutes(5))
                .connect();
        first.subscribe(topic, 1);
        first.close();
        try (Observer publisher = target.observer()) {
            publisher.publish(topic, "while-offline", 1, false);
        }
        try (Observer again = target.observerBuilder()
                .clientId(clientId)
                .cleanStart(false)
                .sessionExpiry(Duration.ofMinutes(5))
                .connect()) {
            assertThat(again.sessionPresent()).isTrue();
            assertThat(again.awaitMessages(1, target.timeout(WAIT)).get(0).payloadUtf8())
                    .isEqualTo("while-offline");
        }
        // forget the session
        target.observerBuilder().clientId(clientId).cleanStart(true).connect().close();
    }
}
