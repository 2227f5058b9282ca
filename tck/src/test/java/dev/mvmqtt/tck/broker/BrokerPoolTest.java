package dev.mvmqtt.tck.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ObserverException;
import dev.mvmqtt.tck.run.Redactor;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The pool's lifecycle, its memory of failures, and the external target, against the local brokers. */
class BrokerPoolTest {
    private static final TckSettings DOCKER_FREE =
            TckSettings.builder().provisioning(ProvisioningMode.DOCKER_FREE).build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Set<Long> mosquittoChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/mosquitto")).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Test
    void startsMosquittoOnceForItsFourTargetsAndStopsItOnClose() throws Exception {
        Set<Long> before = mosquittoChildren();
        RunningBroker broker;
        long pid;
        try (BrokerPool pool = new BrokerPool()) {
            TargetStatus first = pool.status(TargetId.parse("mosquitto-v5-plain"), DOCKER_FREE);
            assertThat(first.isAvailable()).as("%s", first).isTrue();
            broker = first.broker().orElseThrow();
            assertThat(broker.provisioning()).isEqualTo(Provisioning.NATIVE_BINARY);
            assertThat(broker.version()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(broker.host()).isEqualTo("127.0.0.1");
            for (String id : List.of("mosquitto-v311-plain", "mosquitto-v311-tls", "mosquitto-v5-tls")) {
                assertThat(pool.status(TargetId.parse(id), DOCKER_FREE).broker())
                        .containsSame(broker);
            }
            Set<Long> started = mosquittoChildren();
            started.removeAll(before);
            assertThat(started).as("one new mosquitto process").hasSize(1);
            pid = started.iterator().next();
            assertThat(pool.runningBrokers()).containsValue(broker);
            for (int port : new int[] {
                broker.plainPort(), broker.tlsPort(), broker.expiredTlsPort().orElseThrow()
            }) {
                assertThat(LocalFiles.accepts(broker.host(), port, 1000)).isTrue();
            }
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertThat(handle.map(ProcessHandle::isAlive).orElse(false))
                .as("mosquitto %d gone", pid)
                .isFalse();
        for (int port : new int[] {
            broker.plainPort(), broker.tlsPort(), broker.expiredTlsPort().orElseThrow()
        }) {
            assertThat(LocalFiles.accepts(broker.host(), port, 1000))
                    .as("port %d closed", port)
                    .isFalse();
        }
    }

    @Test
    void startsEmbeddedHiveMqOnceAndStopsItOnClose() {
        RunningBroker broker;
        try (BrokerPool pool = new BrokerPool()) {
            broker = pool.status(TargetId.parse("hivemq-v5-tls"), DOCKER_FREE)
                    .broker()
                    .orElseThrow();
            assertThat(broker.provisioning()).isEqualTo(Provisioning.EMBEDDED);
            assertThat(broker.version()).isEqualTo("2025.5");
            assertThat(pool.status(TargetId.parse("hivemq-v311-plain"), DOCKER_FREE)
                            .broker())
                    .containsSame(broker);
            try (Observer o = Observer.builder(broker.host(), broker.plainPort(), MqttVersion.V5)
                    .connect()) {
                o.subscribe("pool/test", 1);
                o.publish("pool/test", "x", 1, false);
                assertThat(o.awaitMessages(1, WAIT)).hasSize(1);
            }
        }
        for (int port : new int[] {
            broker.plainPort(), broker.tlsPort(), broker.expiredTlsPort().orElseThrow()
        }) {
            assertThat(LocalFiles.accepts(broker.host(), port, 1000))
                    .as("port %d closed", port)
                    .isFalse();
        }
    }

    @Test
    void aClosedPoolRefuses() {
        BrokerPool pool = new BrokerPool();
        pool.close();
        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(() -> pool.status(TargetId.parse("mosquitto-v5-plain"), DOCKER_FREE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forcedTestcontainersWithoutDockerIsUnavailableWithTheReason() {
        assumeFalse(DockerProbe.dockerAvailable(), "a Docker engine answers here");
        TckSettings forced = TckSettings.builder()
                .provisioning(ProvisioningMode.TESTCONTAINERS)
                .build();
        try (BrokerPool pool = new BrokerPool()) {
            for (TargetId t : TargetId.MATRIX) {
                TargetStatus s = pool.status(t, forced);
                assertThat(s.isAvailable()).isFalse();
                assertThat(s.unavailableReason()).contains("no Docker engine answered");
                assertThat(s.provisioning()).contains(Provisioning.TESTCONTAINERS);
            }
            assertThat(pool.runningBrokers()).isEmpty();
        }
    }

    @Test
    void anExternalOnlyRunDoesNotAskForDocker() {
        TckSettings externalOnly = TckSettings.builder()
                .targets(TargetId.parse("external-v5-plain"), TargetId.parse("external-v311-tls"))
                .build();
        assertThat(BrokerPool.testcontainersDecision(externalOnly))
                .isEqualTo("not used: no selected target runs a broker on this machine, so no Docker engine was asked");
    }

    @Test
    void externalTargetsNeedConfigurationAndAnAnsweringBroker() throws Exception {
        try (BrokerPool pool = new BrokerPool()) {
            TargetStatus none = pool.status(TargetId.parse("external-v5-plain"), DOCKER_FREE);
            assertThat(none.isAvailable()).isFalse();
            assertThat(none.unavailableReason().orElseThrow()).contains("mvmqtt.external.host");
            assertThat(none.provisioning()).contains(Provisioning.EXTERNAL);

            int closedPort = LocalFiles.freePorts(1)[0];
            TckSettings nobody = DOCKER_FREE.toBuilder()
                    .external(new ExternalBroker(
                            "127.0.0.1", closedPort, closedPort, List.of(MqttVersion.V5), null, null, null))
                    .build();
            TargetStatus silent = pool.status(TargetId.parse("external-v5-plain"), nobody);
            assertThat(silent.unavailableReason().orElseThrow()).contains("did not accept");
            assertThat(pool.status(TargetId.parse("external-v311-plain"), nobody)
                            .unavailableReason()
                            .orElseThrow())
                    .contains("does not include MQTT 3.1.1");
            assertThat(pool.status(TargetId.parse("external-v5-tls"), nobody)
                            .unavailableReason()
                            .orElseThrow())
                    .contains("mvmqtt.external.caCert");
        }
    }

    @Test
    void externalTargetReachesALocalMosquittoPlainAndTls(@TempDir Path dir) throws Exception {
        try (BrokerPool pool = new BrokerPool()) {
            RunningBroker local = pool.status(TargetId.parse("mosquitto-v5-plain"), DOCKER_FREE)
                    .broker()
                    .orElseThrow();
            Path ca = dir.resolve("ca.pem");
            Files.writeString(
                    ca, TlsMaterial.pem("CERTIFICATE", local.tlsMaterial().caCertificateDer()));
            Credentials c = local.credentials().orElseThrow();
            TckSettings ext = DOCKER_FREE.toBuilder()
                    .external(new ExternalBroker(
                            "127.0.0.1",
                            local.plainPort(),
                            local.tlsPort(),
                            List.of(MqttVersion.V3_1_1, MqttVersion.V5),
                            ca,
                            c.username(),
                            c.password()))
                    .build();
            for (TargetId t : List.of(TargetId.parse("external-v5-tls"), TargetId.parse("external-v311-plain"))) {
                TargetStatus s = pool.status(t, ext);
                assertThat(s.isAvailable()).as("%s", s).isTrue();
                RunningBroker b = s.broker().orElseThrow();
                assertThat(b.provisioning()).isEqualTo(Provisioning.EXTERNAL);
                assertThat(b.expiredTlsPort()).isEmpty();
                assertThat(b.credentials()).contains(c);
                Observer.Builder builder = Observer.builder(b.host(), b.port(t.transport()), t.version())
                        .credentials(c.username(), c.password());
                if (t.isTls()) {
                    builder.tls(b.caCertificateDer().orElseThrow());
                }
                try (Observer o = builder.connect()) {
                    o.subscribe("external/" + t.id(), 1);
                    o.publish("external/" + t.id(), "e", 1, false);
                    assertThat(o.awaitMessages(1, WAIT).get(0).payloadUtf8()).isEqualTo("e");
                }
            }
        }
    }

    @Test
    void anExternalBrokerIsDescribedByWhereItWasReachedAndWhatItSaidOfItself() {
        assertThat(BrokerPool.externalVersion(
                        "broker.example",
                        1883,
                        MqttVersion.V5,
                        List.of(
                                Map.entry("broker-name", "ActiveMQ Artemis"), Map.entry("region", "eu"),
                                Map.entry("server-version", "2.40.0"), Map.entry("broker-token", "s3cr3t"))))
                .isEqualTo("at broker.example:1883 over MQTT 5 (its CONNACK says broker-name=ActiveMQ Artemis,"
                        + " server-version=2.40.0)");
        assertThat(BrokerPool.externalVersion(
                        "broker.example", 1883, MqttVersion.V5, List.of(Map.entry("region", "eu"))))
                .isEqualTo("at broker.example:1883 over MQTT 5 (the broker did not say its name or version)");
        assertThat(BrokerPool.externalVersion("broker.example", 8883, MqttVersion.V3_1_1, List.of()))
                .isEqualTo(
                        "at broker.example:8883 over MQTT 3.1.1 (an MQTT 3.1.1 broker does not say its name or version)");
    }

    @Test
    void theNameTheOperatorGaveDescribesAnExternalBrokerThatDoesNotSayItsOwn() {
        Optional<String> given = Optional.of("ActiveMQ Artemis 2.40");
        assertThat(BrokerPool.externalVersion("broker.example", 1883, MqttVersion.V5, List.of(), given))
                .isEqualTo(
                        "ActiveMQ Artemis 2.40 at broker.example:1883 over MQTT 5 (name as given to the kit; the broker"
                                + " did not say it)");
        assertThat(BrokerPool.externalVersion("broker.example", 1883, MqttVersion.V3_1_1, List.of(), given))
                .startsWith("ActiveMQ Artemis 2.40 at broker.example:1883 over MQTT 3.1.1");
        assertThat(BrokerPool.externalVersion(
                        "broker.example", 1883, MqttVersion.V5, List.of(Map.entry("server-version", "2.41.0")), given))
                .as("what the broker says of itself wins")
                .isEqualTo("at broker.example:1883 over MQTT 5 (its CONNACK says" + " server-version=2.41.0)");
        assertThat(TckSettings.from(Map.of(
                                TckSettings.EXTERNAL_HOST,
                                "broker.example",
                                TckSettings.EXTERNAL_BROKER_NAME,
                                " ActiveMQ Artemis 2.40 "))
                        .external()
                        .name())
                .isEqualTo(given);
    }

    @Test
    void anExternalTargetWithoutCredentialsAbortsWithAReasonTheRedactorLeavesWhole() {
        try (BrokerPool pool = new BrokerPool()) {
            RunningBroker local = pool.status(TargetId.parse("mosquitto-v5-plain"), DOCKER_FREE)
                    .broker()
                    .orElseThrow();
            TckSettings ext = DOCKER_FREE.toBuilder()
                    .external(new ExternalBroker(
                            "127.0.0.1", local.plainPort(), local.tlsPort(), List.of(MqttVersion.V5), null, null, null))
                    .build();
            TargetId id = TargetId.parse("external-v5-plain");
            RunningBroker b = pool.status(id, ext).broker().orElseThrow();
            assertThat(b.version())
                    .as("what the report shows for the broker, instead of \"unknown\"")
                    .isEqualTo("at 127.0.0.1:" + local.plainPort()
                            + " over MQTT 5 (the broker did not say its name or version)");
            TckTarget target = new TckTarget(id, b, ext);
            assertThatThrownBy(target::credentials)
                    .isInstanceOf(TestAbortedException.class)
                    .satisfies(e -> assertThat(Redactor.redact(e.getMessage()))
                            .isEqualTo(e.getMessage())
                            .contains(
                                    "--external-username USER",
                                    "--external-password-env VAR",
                                    "-Dmvmqtt.external.username",
                                    "-Dmvmqtt.external.password")
                            .doesNotContain(Redactor.MASK));
        }
    }

    @Test
    void passwordFileWrittenWithoutMosquittoPasswdWorks() {
        TlsMaterial tls = TlsMaterial.shared();
        Credentials c = new Credentials("own-format", "p@ss:wörd");
        assertThat(MosquittoProcess.passwordLine("u", "p"))
                .matches("u:\\$7\\$101\\$[A-Za-z0-9+/=]{16}\\$[A-Za-z0-9+/=]{88}");
        try (MosquittoProcess m = MosquittoProcess.start(tls, c, Duration.ofSeconds(30))) {
            RunningBroker b = m.endpoint();
            for (MqttVersion v : MqttVersion.values()) {
                Observer.builder(b.host(), b.plainPort(), v)
                        .credentials(c.username(), c.password())
                        .connect()
                        .close();
                assertThatThrownBy(() -> Observer.builder(b.host(), b.plainPort(), v)
                                .credentials(c.username(), c.wrongPassword())
                                .connect())
                        .isInstanceOfSatisfying(
                                ObserverException.class,
                                e -> assertThat(e.reasonCode()).isPresent());
            }
        } catch (BrokerStartException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
