package dev.mvmqtt.tck.broker;

import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.tls.ClientCertificate;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.time.Duration;

/** Running-broker values for unit tests that need one without starting a broker (nothing listens on the ports). */
public final class TestBrokers {
    private TestBrokers() {}

    /** An external broker at 127.0.0.1 whose TLS listener's certificate was issued by {@code externalCaDer}. */
    public static RunningBroker external(byte[] externalCaDer) {
        return external("127.0.0.1", externalCaDer);
    }

    /** An external broker at {@code host} whose TLS listener's certificate was issued by {@code externalCaDer}. */
    public static RunningBroker external(String host, byte[] externalCaDer) {
        return external(host, externalCaDer, 0, null, -1);
    }

    /**
     * An external broker at 127.0.0.1 (certificate issued by {@code externalCaDer}) given the operator's TLS listener
     * options: an expired-certificate port and a client certificate it accepts on a port that requires one.
     */
    public static RunningBroker external(
            byte[] externalCaDer,
            int expiredTlsPort,
            ClientCertificate clientCertificate,
            int clientCertificateTlsPort) {
        return external("127.0.0.1", externalCaDer, expiredTlsPort, clientCertificate, clientCertificateTlsPort);
    }

    private static RunningBroker external(
            String host,
            byte[] externalCaDer,
            int expiredTlsPort,
            ClientCertificate clientCertificate,
            int clientCertificateTlsPort) {
        return new RunningBroker(
                BrokerFamily.EXTERNAL,
                Provisioning.EXTERNAL,
                "at " + host + ":1 (unit test)",
                host,
                1,
                2,
                expiredTlsPort,
                externalCaDer,
                TlsMaterial.shared(),
                null,
                Duration.ZERO,
                true,
                clientCertificate,
                clientCertificateTlsPort);
    }

    /** A local HiveMQ CE at 127.0.0.1 (plain 1, TLS 2, expired TLS 3) with the kit's own listeners on {@code tls}. */
    public static RunningBroker local(TlsMaterial tls) {
        return new RunningBroker(
                BrokerFamily.HIVEMQ,
                Provisioning.EMBEDDED,
                "2025.5",
                "127.0.0.1",
                1,
                2,
                3,
                tls.caCertificateDer(),
                tls,
                null,
                Duration.ZERO);
    }
}
