package dev.mvmqtt.tck.tests.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvTlsCertificateChain;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.settings.TckSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared pieces of the broker-less device tests: requests that need no broker, a port nobody listens
 * on, and the "nothing was issued" check (no notification record, nothing readable).
 */
public final class Devices {
    /** A host name that can never resolve (RFC 6761). */
    public static final String UNRESOLVABLE_HOST = "mvmqtt-tck-nowhere.invalid";

    private Devices() {}

    /** The window for "must not happen" checks of device tests, scaled by the timeout factor. */
    public static Duration quietWindow(TckSettings settings) {
        return settings.timeout(Observer.QUIET_WINDOW);
    }

    /** A loopback TCP port that nothing listens on (bound, then released). */
    public static int deadPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A connect request every refusal check starts from: well formed, plain TCP to a loopback port
     * nothing listens on, so an accepted one is answered without a broker (SOCKETERROR).
     */
    public static MvMqttConnectRequest.Builder connectRequest(int deadPort) {
        return MvMqttConnectRequest.builder()
                .protocolVersion(MvMqttProtocolVersion.V5)
                .host("127.0.0.1")
                .port(deadPort)
                .clientId("mvmqtttckdevice")
                .keepalive(30)
                .cleanStart(true);
    }

    /** A chain of {@code n} placeholder DER certificates (never parsed by a synchronous refusal). */
    public static MvTlsCertificateChain chain(int n) {
        List<MvSizedString> certs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            certs.add(MvSizedString.of(new byte[] {0x30, (byte) 0x82, 0x01, (byte) i}));
        }
        return new MvTlsCertificateChain(n, certs);
    }

    /** The type waiting next on a channel; the read must answer OKAY. */
    public static MvMqttReadableDataType nextReadable(Microvisor mv, int channel) {
        U32Ref type = new U32Ref(-1);
        assertThat(mv.mvMqttGetNextReadableDataType(channel, type))
                .as("mvMqttGetNextReadableDataType on a live channel")
                .isEqualTo(MvStatus.OKAY);
        return MvMqttReadableDataType.of(type.get());
    }

    /** Whether every slot of the ring is free (event type 0). */
    public static boolean ringEmpty(ByteBuffer ring, int size) {
        for (int off = 0; off < size; off += NotificationRecord.SIZE) {
            if (NotificationRecord.readFrom(ring, off).eventType() != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * GEN-REFUSED-1 on the device side: within the quiet window no notification record reaches the
     * firmware's centre, and the channel (if any, 0 for none) has nothing readable.
     */
    public static void assertNothingIssued(Firmware fw, TckSettings settings, int channel, RuleCheck rule) {
        int before = fw.recordsSeen().size();
        NotificationRecord r = fw.pollRecord(quietWindow(settings));
        rule.with("no notification may follow refused calls").assertThat(r).isNull();
        rule.with("records written after refused calls")
                .assertThat(fw.recordsSeen())
                .hasSize(before);
        rule.with("the ring stays empty")
                .assertThat(ringEmpty(fw.ring(), fw.ring().capacity()))
                .isTrue();
        if (channel != 0) {
            U32Ref type = new U32Ref(-1);
            MvStatus s = fw.mv().mvMqttGetNextReadableDataType(channel, type);
            if (s == MvStatus.OKAY) {
                rule.with("nothing readable after refused calls")
                        .assertThat(MvMqttReadableDataType.of(type.get()))
                        .isEqualTo(MvMqttReadableDataType.NONE);
            } else {
                rule.with("next readable type after refused calls")
                        .assertThat(s)
                        .isEqualTo(MvStatus.CHANNELCLOSED);
            }
        }
    }
}
