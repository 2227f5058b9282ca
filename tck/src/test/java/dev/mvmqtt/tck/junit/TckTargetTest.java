package dev.mvmqtt.tck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.tck.broker.TestBrokers;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.tls.TlsMaterial;
import org.junit.jupiter.api.Test;

class TckTargetTest {
    @Test
    void onAnExternalTlsBrokerTheDevicesClientCertificateIsCheckedAgainstTheKitsCaNotTheBrokers() {
        TlsMaterial external = TlsMaterial.generate();
        TckTarget target = new TckTarget(
                TargetId.parse("external-v5-tls"),
                TestBrokers.external(external.caCertificateDer()),
                TckSettings.defaults());
        assertThat(target.caCertificateDer())
                .as("the device's trust anchor for the broker")
                .isEqualTo(external.caCertificateDer());
        assertThat(target.clientCertificateIssuerDer())
                .as("the trust anchor of a listener checking the device's client certificate")
                .isEqualTo(target.tls().caCertificateDer())
                .isNotEqualTo(external.caCertificateDer());
    }
}
