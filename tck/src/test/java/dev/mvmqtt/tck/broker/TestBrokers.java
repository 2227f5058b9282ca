package dev.mvmqtt.tck.broker;

import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.Provisioning;
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
        return new RunningBroker(
                BrokerFamily.EXTERNAL,
                Provisioning.EXTERNAL,
                "at " + host + ":1 (unit test)",
                host,
                1,
                2,
                0,
                externalCaDer,
                TlsMaterial.shared(),
                null,
                Duration.ZERO,
                true);
    }
}
