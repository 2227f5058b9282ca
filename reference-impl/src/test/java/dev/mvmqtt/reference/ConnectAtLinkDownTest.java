package dev.mvmqtt.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.reference.support.Device;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A connect still in progress when the device's link goes down must not reach the broker afterwards: a CONNECT
 * arriving after the device's next connection takes the session over from it, and the broker closes that
 * connection before reading the PUBACKs already written to it, so messages acknowledged OKAY come again (the soak
 * benchmark's redeliveries after OKAY outside broker restarts, ACK-REF-3).
 */
class ConnectAtLinkDownTest {
    /** By the time down() returns the broker must already see the end of the connection: no waiting for it. */
    private static final Duration ALREADY_ENDED = Duration.ofMillis(500);

    @Test
    void linkDownDuringConnectEndsTheBrokerConnectionBeforeDownReturns() throws Exception {
        try (ServerSocket broker = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
                Device d = new Device()) {
            broker.setSoTimeout((int) Device.TIMEOUT.toMillis());
            int ch = d.openChannel();
            MvMqttConnectRequest connect = MvMqttConnectRequest.builder()
                    .protocolVersion(MvMqttProtocolVersion.V3_1_1)
                    .host("127.0.0.1")
                    .port(broker.getLocalPort())
                    .clientId("ref-abandoned")
                    .keepalive(30)
                    .build();
            assertThat(d.mv.mvMqttRequestConnect(ch, connect)).isEqualTo(MvStatus.OKAY);
            try (Socket session = broker.accept()) {
                InputStream in = session.getInputStream();
                session.setSoTimeout((int) Device.TIMEOUT.toMillis());
                assertThat(in.read()).as("first byte of the CONNECT").isEqualTo(0x10); // no CONNACK is ever sent

                d.mv.networkLink().orElseThrow().down();

                session.setSoTimeout((int) ALREADY_ENDED.toMillis());
                assertThat(readToEnd(in))
                        .as("the connection has ended at the broker when down() returns")
                        .isTrue();
            }
        }
    }

    /** True when the stream ends within the window, whatever comes before the end. */
    private static boolean readToEnd(InputStream in) throws Exception {
        byte[] skip = new byte[256];
        try {
            while (in.read(skip) >= 0) {
                // the rest of the CONNECT
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
