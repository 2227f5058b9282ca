package dev.mvmqtt.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Artemis's three TLS listeners: valid certificate, expired certificate, client certificate required. */
class ArtemisTlsTest {
    private static final TlsMaterial TLS = TlsMaterial.generate();

    @TempDir
    static Path data;

    static ArtemisBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = ArtemisBroker.start(0, data, "device", "s3cret", TLS);
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    /** The CONNACK of an MQTT 5 connect to {@code port} trusting the CA, the TLS set up by {@code ssl}. */
    private static Mqtt5ConnAckReasonCode connect(int port, String id, UnaryOperator<MqttClientSslConfigBuilder> ssl) {
        Mqtt5BlockingClient c = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .sslConfig(ssl.apply(MqttClientSslConfig.builder()
                                .trustManagerFactory(TlsMaterial.trustManagerFactory(TLS.caCertificateDer())))
                        .build())
                .buildBlocking();
        Mqtt5ConnAckReasonCode code = c.connect().getReasonCode();
        c.disconnect();
        return code;
    }

    @Test
    void theTlsListenerServesTheCertificateFromTheCa() {
        assertThat(connect(broker.tlsPorts().orElseThrow().tls(), "tls", b -> b))
                .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(broker.tlsPorts().orElseThrow().tls()).isNotEqualTo(broker.port());
    }

    @Test
    void theExpiredListenerFailsTheHandshake() {
        assertThatThrownBy(() -> connect(broker.tlsPorts().orElseThrow().expiredTls(), "expired", b -> b))
                .hasStackTraceContaining("CertificateExpiredException");
    }

    @Test
    void theClientCertificateListenerAcceptsTheCasClientAndRefusesAClientWithout() {
        int port = broker.tlsPorts().orElseThrow().clientCertTls();
        assertThat(connect(port, "with", b -> b.keyManagerFactory(TLS.clientKeyManagerFactory())))
                .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThatThrownBy(() -> connect(port, "without", b -> b)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> connect(
                        port,
                        "foreign",
                        b -> b.keyManagerFactory(TlsMaterial.generate().clientKeyManagerFactory())))
                .isInstanceOf(RuntimeException.class);
    }
}
