package dev.mvmqtt.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.broker.Credentials;
import dev.mvmqtt.tck.broker.RunningBroker;
import dev.mvmqtt.tck.broker.TargetStatus;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample firmware (host/samples/mqtt_sample.c, C linked with libmvhost, the reference behind it)
 * against HiveMQ CE and Mosquitto, MQTT 3.1.1 and 5: it must go through every step of its scenario
 * in order and exit 0, and an observer on the broker must see exactly what it published.
 */
class SampleFirmwareIT {
    /** Generous: the firmware starts a JVM, and the machine may be loaded; a passing run takes a few seconds. */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(180);

    private static final Duration OBSERVE_LIMIT = Duration.ofSeconds(30);
    private static final int BIG_PAYLOAD_BYTES = 3000;

    private static BrokerPool brokers;

    @BeforeAll
    static void startPool() {
        brokers = new BrokerPool();
    }

    @AfterAll
    static void stopPool() {
        brokers.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mosquitto-v311-plain", "mosquitto-v5-plain", "hivemq-v311-plain", "hivemq-v5-plain"})
    void runsItsWholeScenario(String targetId) throws Exception {
        TargetId target = TargetId.parse(targetId);
        TargetStatus status = brokers.status(
                target,
                TckSettings.builder().provisioning(ProvisioningMode.DOCKER_FREE).build());
        assertThat(status.isAvailable()).as("broker for %s: %s", target, status).isTrue();
        RunningBroker broker = status.broker().orElseThrow();
        String prefix = "mvhost/sample/" + UUID.randomUUID();
        String version = target.version().id().equals("v5") ? "5" : "3";

        Observer.Builder observerBuilder = Observer.builder(broker.host(), broker.plainPort(), target.version())
                .plain();
        broker.credentials().ifPresent(c -> observerBuilder.credentials(c.username(), c.password()));
        try (Observer observer = observerBuilder.connect()) {
            observer.subscribe(prefix + "/#", 1);
            List<String> out = runSample(broker, version, prefix);

            assertInOrder(
                    out,
                    List.of(
                            "network: connected",
                            "connect: state=0 reason=0",
                            "subscribe: state=0 codes=2 .*",
                            "received: topic=" + Pattern.quote(prefix + "/in") + " payload=hello qos=1 retain=0",
                            "ack: correlation=\\d+",
                            "lost: topic=" + Pattern.quote(prefix + "/big") + " reason=0 length=\\d+",
                            "connection lost: closure reason=\\d+",
                            "takeover: disconnect state=0",
                            "reconnecting",
                            "connect: state=0 reason=0",
                            "subscribe: state=0 codes=2 .*",
                            "received: topic=" + Pattern.quote(prefix + "/in") + " payload=again qos=1 retain=0",
                            "disconnect: state=0 .*",
                            "sample: done .*"));
            assertThat(out).contains("takeover: connect state=0 reason=0");
            assertThat(out.stream().filter(l -> l.matches("publish: .* state=0 reason=0")))
                    .hasSize(3);

            // Broker side: what the firmware published, as another client received it.
            List<ReceivedMessage> seen = observer.awaitMessages(3, OBSERVE_LIMIT);
            assertThat(seen)
                    .extracting(ReceivedMessage::topic)
                    .containsExactlyInAnyOrder(prefix + "/in", prefix + "/big", prefix + "/in");
            assertThat(seen)
                    .filteredOn(m -> m.topic().endsWith("/in"))
                    .extracting(ReceivedMessage::payloadUtf8)
                    .containsExactlyInAnyOrder("hello", "again");
            assertThat(seen)
                    .filteredOn(m -> m.topic().endsWith("/big"))
                    .singleElement()
                    .satisfies(m -> assertThat(m.payload()).hasSize(BIG_PAYLOAD_BYTES));
            // Nothing more (no redelivery of the acknowledged QoS 1 messages, for one).
            observer.assertNoMessageWithin(
                    Observer.QUIET_WINDOW, m -> seen.stream().noneMatch(s -> s == m));
        }
    }

    private static List<String> runSample(RunningBroker broker, String version, String prefix)
            throws IOException, InterruptedException {
        Path sample = Path.of(System.getProperty("mvhost.sample", "target/native/mqtt_sample"));
        assertThat(sample).as("the sample firmware, built by build-native.sh").isExecutable();
        List<String> command = new ArrayList<>(
                List.of(sample.toString(), broker.host(), Integer.toString(broker.plainPort()), version, prefix));
        Optional<Credentials> credentials = broker.credentials();
        credentials.ifPresent(c -> command.addAll(List.of(c.username(), c.password())));
        Path log = Files.createTempFile("mqtt-sample", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ended = process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(ended)
                    .as("the sample ended within %s; it printed:%n%s", RUN_LIMIT, String.join("\n", out))
                    .isTrue();
            assertThat(process.exitValue())
                    .as("exit code; it printed:%n%s", String.join("\n", out))
                    .isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Every pattern matches a whole line, each after the line the one before it matched. */
    private static void assertInOrder(List<String> lines, List<String> patterns) {
        int from = 0;
        for (String pattern : patterns) {
            int found = -1;
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).matches(pattern)) {
                    found = i;
                    break;
                }
            }
            assertThat(found)
                    .as("a line matching '%s' after line %d of:%n%s", pattern, from, String.join("\n", lines))
                    .isNotNegative();
            from = found + 1;
        }
    }
}
