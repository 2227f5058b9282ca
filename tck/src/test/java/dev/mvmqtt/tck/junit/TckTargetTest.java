package dev.mvmqtt.tck.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvmqtt.tck.broker.TestBrokers;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.tls.ClientCertificate;
import dev.mvmqtt.tck.tls.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TckTargetTest {
    private static final TargetId EXTERNAL_TLS = TargetId.parse("external-v5-tls");

    @Test
    void anExternalTlsBrokerGivenNoListenerOptionsLeavesExpiredAndMutualTlsUncheckedNamingCertifysOptions() {
        TlsMaterial external = TlsMaterial.generate();
        TckTarget target =
                new TckTarget(EXTERNAL_TLS, TestBrokers.external(external.caCertificateDer()), TckSettings.defaults());
        assertThat(target.caCertificateDer())
                .as("the device's trust anchor for the broker")
                .isEqualTo(external.caCertificateDer());
        assertThatThrownBy(target::clientCertificate)
                .as("the kit's own client certificate means nothing to a broker that does not trust the kit's CA")
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("was given no client certificate that its broker accepts")
                .hasMessageContaining("--external-client-cert FILE and --external-client-key FILE");
        assertThatThrownBy(target::expiredTlsPort)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("--external-expired-tls-port PORT");
        assertThat(target.clientCertificateTlsPort()).isEqualTo(target.port());
    }

    @Test
    void anExternalTlsBrokerGivenListenerOptionsServesThem() {
        TlsMaterial operators = TlsMaterial.generate();
        ClientCertificate client = ClientCertificate.of(operators);
        TckTarget target = new TckTarget(
                EXTERNAL_TLS,
                TestBrokers.external(operators.caCertificateDer(), 18884, client, 18885),
                TckSettings.defaults());
        assertThat(target.expiredTlsPort()).isEqualTo(18884);
        assertThat(target.clientCertificateTlsPort()).isEqualTo(18885);
        assertThat(target.clientCertificate().certificateDer()).isEqualTo(operators.clientCertificateDer());
        assertThat(target.clientCertificate().certificateDer())
                .isNotEqualTo(target.tls().clientCertificateDer());
    }

    @Test
    void onALocalBrokerTheDevicePresentsTheKitsCertificate() {
        TckTarget target = new TckTarget(
                TargetId.parse("hivemq-v5-tls"), TestBrokers.local(TlsMaterial.shared()), TckSettings.defaults());
        assertThat(target.clientCertificate().certificateDer())
                .isEqualTo(target.tls().clientCertificateDer());
        assertThat(target.clientCertificateTlsPort()).isEqualTo(target.port());
        assertThat(target.expiredTlsPort()).isEqualTo(3);
    }
}
