package dev.mvmqtt.tck.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.target.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TckSettingsTest {

    @Test
    void defaults() {
        TckSettings s = TckSettings.from(Map.of());
        assertThat(s).isEqualTo(TckSettings.defaults());
        assertThat(s.implementation()).isEmpty();
        assertThat(s.targets()).isEqualTo(TargetId.MATRIX).hasSize(8);
        assertThat(s.targets())
                .extracting(TargetId::id)
                .containsExactly(
                        "hivemq-v311-plain",
                        "hivemq-v311-tls",
                        "hivemq-v5-plain",
                        "hivemq-v5-tls",
                        "mosquitto-v311-plain",
                        "mosquitto-v311-tls",
                        "mosquitto-v5-plain",
                        "mosquitto-v5-tls");
        assertThat(s.provisioning()).isEqualTo(ProvisioningMode.AUTO);
        assertThat(s.profile()).isEqualTo(Profile.STRICT);
        assertThat(s.timeoutFactor()).isEqualTo(1.0);
        assertThat(s.external().isConfigured()).isFalse();
    }

    @Test
    void parallelismDefaultsToEightTargetsAtOnceAndNeverExceedsTheTargets() {
        assertThat(TckSettings.from(Map.of()).parallelism()).isEqualTo(8);
        assertThat(TckSettings.from(Map.of("mvmqtt.targets", "hivemq-v5-plain,mosquitto-v5-tls"))
                        .parallelism())
                .isEqualTo(2);
        assertThat(TckSettings.from(Map.of("mvmqtt.parallelism", "3")).parallelism())
                .isEqualTo(3);
        assertThat(TckSettings.from(Map.of("mvmqtt.parallelism", "1")).toBuilder()
                        .build()
                        .parallelism())
                .isEqualTo(1);
        // One part at a time only when asked: a run of one target still runs its device tests next to it.
        assertThat(TckSettings.from(Map.of("mvmqtt.parallelism", "1")).onePartAtATime())
                .isTrue();
        TckSettings oneTarget = TckSettings.from(Map.of("mvmqtt.targets", "hivemq-v5-plain"));
        assertThat(oneTarget.parallelism()).isEqualTo(1);
        assertThat(oneTarget.onePartAtATime()).isFalse();
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.parallelism", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Bad value '0' for mvmqtt.parallelism: expected a positive whole number");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.parallelism", "many")))
                .hasMessage("Bad value 'many' for mvmqtt.parallelism: expected a positive whole number");
    }

    @Test
    void readsEveryProperty() {
        TckSettings s = TckSettings.from(Map.ofEntries(
                Map.entry("mvmqtt.implementation", "reference"),
                Map.entry("mvmqtt.targets", " mosquitto-v5-tls , HIVEMQ-V311-PLAIN,mosquitto-v5-tls"),
                Map.entry("mvmqtt.provisioning", "docker-free"),
                Map.entry("mvmqtt.profile", "must"),
                Map.entry("mvmqtt.timeoutFactor", "2.5"),
                Map.entry("mvmqtt.external.host", "broker.example"),
                Map.entry("mvmqtt.external.port", "11883"),
                Map.entry("mvmqtt.external.tlsPort", "18883"),
                Map.entry("mvmqtt.external.version", "5"),
                Map.entry("mvmqtt.external.caCert", "/tmp/ca.pem"),
                Map.entry("mvmqtt.external.username", "u"),
                Map.entry("mvmqtt.external.password", "secret-pw")));
        assertThat(s.implementation()).contains("reference");
        assertThat(s.targets()).extracting(TargetId::id).containsExactly("mosquitto-v5-tls", "hivemq-v311-plain");
        assertThat(s.provisioning()).isEqualTo(ProvisioningMode.DOCKER_FREE);
        assertThat(s.profile()).isEqualTo(Profile.MUST);
        assertThat(s.timeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(5));
        ExternalBroker e = s.external();
        assertThat(e.host()).contains("broker.example");
        assertThat(e.port()).isEqualTo(11883);
        assertThat(e.tlsPort()).isEqualTo(18883);
        assertThat(e.versions()).containsExactly(MqttVersion.V5);
        assertThat(e.caCert()).contains(Path.of("/tmp/ca.pem"));
        assertThat(e.username()).contains("u");
        assertThat(e.password()).contains("secret-pw");
        assertThat(s.toString()).doesNotContain("secret-pw").contains("broker.example");
    }

    @Test
    void externalTlsListenerPropertiesRoundTrip() {
        TckSettings s = TckSettings.from(Map.of(
                "mvmqtt.external.host", "broker.example",
                "mvmqtt.external.caCert", "/tmp/ca.pem",
                "mvmqtt.external.expiredTlsPort", " 18884 ",
                "mvmqtt.external.clientCert", "/tmp/client.pem",
                "mvmqtt.external.clientKey", "/tmp/client-key.pem",
                "mvmqtt.external.clientCertTlsPort", "18885"));
        ExternalBroker e = s.external();
        assertThat(e.expiredTlsPort()).hasValue(18884);
        assertThat(e.clientCert()).contains(Path.of("/tmp/client.pem"));
        assertThat(e.clientKey()).contains(Path.of("/tmp/client-key.pem"));
        assertThat(e.clientCertTlsPort()).hasValue(18885);
        assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        assertThat(e.toString()).contains("expiredTlsPort 18884", "clientCertTlsPort 18885", "/tmp/client.pem");
        assertThat(e.withExpiredTlsPort(0).expiredTlsPort()).isEmpty();
        assertThat(e.withExpiredTlsPort(0)).isNotEqualTo(e);
        assertThat(e.withClientCertificate(null, null, 0).clientCert()).isEmpty();
        assertThat(e.withClientCertificate(null, null, 0).withExpiredTlsPort(18884))
                .isNotEqualTo(e)
                .isEqualTo(TckSettings.from(Map.of(
                                "mvmqtt.external.host", "broker.example",
                                "mvmqtt.external.caCert", "/tmp/ca.pem",
                                "mvmqtt.external.expiredTlsPort", "18884"))
                        .external());

        ExternalBroker none =
                TckSettings.from(Map.of("mvmqtt.external.host", "h")).external();
        assertThat(none.expiredTlsPort()).isEmpty();
        assertThat(none.clientCert()).isEmpty();
        assertThat(none.clientKey()).isEmpty();
        assertThat(none.clientCertTlsPort()).isEmpty();
    }

    @Test
    void badExternalTlsListenerPropertiesAreClearErrors() {
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.external.expiredTlsPort", "eighty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Bad value 'eighty' for mvmqtt.external.expiredTlsPort: expected a port 1..65535");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.external.clientCertTlsPort", "70000")))
                .hasMessage("Bad value '70000' for mvmqtt.external.clientCertTlsPort: expected a port 1..65535");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.external.clientCert", "c.pem")))
                .hasMessage("mvmqtt.external.clientCert needs mvmqtt.external.clientKey"
                        + " (the certificate's unencrypted PKCS#8 key)");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.external.clientKey", "k.pem")))
                .hasMessage("mvmqtt.external.clientKey needs mvmqtt.external.clientCert (the certificate of that key)");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.external.clientCertTlsPort", "18885")))
                .hasMessageStartingWith(
                        "mvmqtt.external.clientCertTlsPort needs mvmqtt.external.clientCert and mvmqtt.external.clientKey");
    }

    @Test
    void containerImagesDefaultToTheOfficialOnesAndCanBeReplacedOneByOne() {
        assertThat(TckSettings.from(Map.of()).images()).isEqualTo(ContainerImages.defaults());
        assertThat(ContainerImages.defaults().of(BrokerFamily.HIVEMQ)).isEqualTo("hivemq/hivemq-ce:2025.5");
        assertThat(ContainerImages.defaults().of(BrokerFamily.MOSQUITTO)).isEqualTo("eclipse-mosquitto:2.0.20");

        TckSettings own = TckSettings.from(Map.of("mvmqtt.image.mosquitto", " mvmqtt/mosquitto-local:2.0.11 "));
        assertThat(own.images().mosquitto()).isEqualTo("mvmqtt/mosquitto-local:2.0.11");
        assertThat(own.images().hivemq()).isEqualTo(ContainerImages.HIVEMQ_CE);
        assertThat(own).isNotEqualTo(TckSettings.defaults());
        assertThat(own.toString()).contains("mvmqtt/mosquitto-local:2.0.11");
        assertThat(own.toBuilder().build()).isEqualTo(own);

        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.image.hivemq", "my image")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'my image'")
                .hasMessageContaining("mvmqtt.image.hivemq");
    }

    @Test
    void allMeansTheMatrixPlusConfiguredExternalTargets() {
        assertThat(TckSettings.from(Map.of("mvmqtt.targets", "all")).targets()).isEqualTo(TargetId.MATRIX);
        TckSettings plainOnly = TckSettings.from(
                Map.of("mvmqtt.targets", "all", "mvmqtt.external.host", "h", "mvmqtt.external.versions", "3.1.1"));
        assertThat(plainOnly.targets())
                .hasSize(9)
                .contains(new TargetId(BrokerFamily.EXTERNAL, MqttVersion.V3_1_1, Transport.PLAIN));
        TckSettings withTls = TckSettings.from(
                Map.of("mvmqtt.targets", "all", "mvmqtt.external.host", "h", "mvmqtt.external.caCert", "ca.der"));
        assertThat(withTls.targets())
                .hasSize(12)
                .extracting(TargetId::id)
                .contains("external-v311-plain", "external-v311-tls", "external-v5-plain", "external-v5-tls");
    }

    @Test
    void rejectsBadValuesWithClearMessages() {
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.targets", "hivemq-v5-tls,rabbit-v5-plain")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mvmqtt.targets")
                .hasMessageContaining("rabbit-v5-plain")
                .hasMessageContaining("mosquitto-v311-plain");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.targets", " , ")))
                .hasMessageContaining("mvmqtt.targets");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.timeoutFactor", "fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mvmqtt.timeoutFactor")
                .hasMessageContaining("fast");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.timeoutFactor", "0")))
                .hasMessageContaining("between 0.1 and 100");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.timeoutFactor", "NaN")))
                .hasMessageContaining("between 0.1 and 100");
        // 1e300 made every wait last for ever (Duration saturates at Long.MAX_VALUE nanoseconds)
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.timeoutFactor", "1e300")))
                .hasMessageContaining("mvmqtt.timeoutFactor")
                .hasMessageContaining("between 0.1 and 100");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.timeoutFactor", "0.01")))
                .hasMessageContaining("between 0.1 and 100");
        assertThat(TckSettings.from(Map.of("mvmqtt.timeoutFactor", "100")).timeoutFactor())
                .isEqualTo(100.0);
        assertThat(TckSettings.from(Map.of("mvmqtt.timeoutFactor", "0.1")).timeoutFactor())
                .isEqualTo(0.1);
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.provisioning", "kubernetes")))
                .hasMessageContaining("mvmqtt.provisioning")
                .hasMessageContaining("docker-free");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.profile", "lenient")))
                .hasMessageContaining("mvmqtt.profile");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.external.port", "70000")))
                .hasMessageContaining("mvmqtt.external.port")
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.external.tlsPort", "x")))
                .hasMessageContaining("mvmqtt.external.tlsPort");
        assertThatThrownBy(() -> TckSettings.from(Map.of("mvmqtt.external.versions", "3.1")))
                .hasMessageContaining("mvmqtt.external.versions")
                .hasMessageContaining("3.1");
    }

    @Test
    void runWithSettingsAreSeenByTheThreadsOfTheRunOnlyAndInstalledSettingsUntilCleared() throws Exception {
        TckSettings custom = TckSettings.builder()
                .targets(TargetId.parse("mosquitto-v5-plain"))
                .timeoutFactor(3)
                .build();
        TckSettings fromProperties = TckSettings.fromSystemProperties();
        ExecutorService outside = Executors.newSingleThreadExecutor();
        try {
            outside.submit(() -> {}).get(); // its thread exists before the run
            TckSettings.runWith(custom, () -> {
                assertThat(TckSettings.current()).isSameAs(custom);
                TckSettings nested = custom.toBuilder().profile(Profile.MUST).build();
                TckSettings.runWith(
                        nested, () -> assertThat(TckSettings.current()).isSameAs(nested));
                assertThat(TckSettings.current()).isSameAs(custom);
                AtomicReference<TckSettings> seenByStarted = new AtomicReference<>();
                Thread started = new Thread(() -> seenByStarted.set(TckSettings.current()));
                started.start();
                assertThat(join(started, outside.submit(TckSettings::current))).isEqualTo(fromProperties);
                assertThat(seenByStarted.get()).isSameAs(custom);
            });
            assertThat(TckSettings.current()).isEqualTo(fromProperties);
            TckSettings.install(custom);
            assertThat(TckSettings.current()).isSameAs(custom);
            TckSettings.clear();
            assertThat(TckSettings.current()).isEqualTo(fromProperties);
        } finally {
            TckSettings.clear();
            outside.shutdownNow();
        }
    }

    /** Waits for {@code thread}, then answers what {@code other} computed. */
    private static TckSettings join(Thread thread, Future<TckSettings> other) {
        try {
            thread.join();
            return other.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void targetIdsParseAndPrint() {
        for (TargetId t : TargetId.known()) {
            assertThat(TargetId.parse(t.id())).isEqualTo(t);
            assertThat(t.toString()).isEqualTo(t.id());
        }
        assertThat(TargetId.known()).hasSize(12);
        assertThat(TargetId.parse("hivemq-v5-tls"))
                .isEqualTo(new TargetId(BrokerFamily.HIVEMQ, MqttVersion.V5, Transport.TLS));
        assertThat(MqttVersion.parse("3.1.1")).isEqualTo(MqttVersion.V3_1_1);
        assertThat(MqttVersion.parse("v5")).isEqualTo(MqttVersion.V5);
        assertThat(List.of(MqttVersion.V3_1_1.label(), MqttVersion.V5.label())).containsExactly("3.1.1", "5");
    }
}
