package dev.mvmqtt.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.broker.RunningBroker;
import dev.mvmqtt.tck.broker.TargetStatus;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reference device's publish path (Microvisor calls, the relay, the notification ring) side by side with the
 * raw HiveMQ MQTT client it relays through, on the same Mosquitto (the kit's docker-free broker, MQTT 5, plain),
 * in the same JVM fork. Each {@code device*} benchmark has a {@code raw*} twin doing the same MQTT work, so the
 * figure to read is the ratio of the two. Nobody subscribes to the topic: only the publish path is measured.
 *
 * <ul>
 * <li>{@code *Qos0}: one QoS 0 publish at a time, each waiting for its answer (the device's publish response; the
 * raw client's send future): publishes per second.</li>
 * <li>{@code *Qos1InFlight}: 16 QoS 1 publishes in flight (the reference's limit, LIMIT-REF-1), then every
 * answer: publishes per second.</li>
 * <li>{@code *Qos1RoundTrip}: one QoS 1 publish until its PUBACK is answered: microseconds per publish.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RelayBenchmark {
    static final TargetId TARGET = BenchTarget.TARGET;
    /** The reference's publishes in flight per channel (LIMIT-REF-1). */
    static final int IN_FLIGHT = 16;

    private final byte[] payload = new byte[64];
    private Firmware fw;
    private Microvisor mv;
    private int channel;
    private int correlation;
    private Mqtt5AsyncClient raw;
    private String topic;

    @Setup(Level.Trial)
    public void connect() {
        TckSettings settings = TckSettings.builder()
                .implementation("reference")
                .targets(TARGET)
                .provisioning(ProvisioningMode.DOCKER_FREE)
                .build();
        TargetStatus status = BrokerPool.shared().status(TARGET, settings);
        RunningBroker broker = status.broker()
                .orElseThrow(() -> new IllegalStateException(TARGET.id() + " unavailable: "
                        + status.unavailableReason().orElse("no reason given")));
        TckTarget target = new TckTarget(TARGET, broker, settings);
        fw = Firmware.start(target);
        mv = fw.mv();
        channel = fw.connected(target);
        raw = Mqtt5Client.builder()
                .identifier(target.uniqueClientId("raw"))
                .serverHost(target.host())
                .serverPort(target.port())
                .buildAsync();
        raw.connect().join();
        topic = target.uniqueTopic("bench");
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        raw.disconnect().join();
        fw.close();
        BrokerPool.closeShared();
    }

    // ----- QoS 0, one at a time

    @Benchmark
    public void deviceQos0() {
        request(0);
        readResponse();
    }

    @Benchmark
    public void rawQos0() {
        rawPublish(MqttQos.AT_MOST_ONCE).join();
    }

    // ----- QoS 1, 16 in flight

    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public void deviceQos1InFlight() {
        for (int i = 0; i < IN_FLIGHT; i++) {
            request(1);
        }
        for (int i = 0; i < IN_FLIGHT; i++) {
            readResponse();
        }
    }

    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public void rawQos1InFlight() {
        CompletableFuture<?>[] sent = new CompletableFuture<?>[IN_FLIGHT];
        for (int i = 0; i < IN_FLIGHT; i++) {
            sent[i] = rawPublish(MqttQos.AT_LEAST_ONCE);
        }
        CompletableFuture.allOf(sent).join();
    }

    // ----- QoS 1 round trip

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void deviceQos1RoundTrip() {
        request(1);
        readResponse();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void rawQos1RoundTrip() {
        rawPublish(MqttQos.AT_LEAST_ONCE).join();
    }

    // -----

    private void request(int qos) {
        MvStatus s =
                mv.mvMqttRequestPublish(channel, MvMqttPublishRequest.of(++correlation, topic, payload, qos, false));
        if (!s.equals(MvStatus.OKAY)) {
            throw new IllegalStateException("mvMqttRequestPublish: " + s);
        }
    }

    private void readResponse() {
        fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
        MvMqttPublishResponse r = new MvMqttPublishResponse();
        MvStatus s = mv.mvMqttReadPublishResponse(channel, r);
        if (!s.equals(MvStatus.OKAY) || !r.state().equals(MvMqttRequestState.REQUESTCOMPLETED)) {
            throw new IllegalStateException("publish response: " + s + " " + r);
        }
    }

    private CompletableFuture<?> rawPublish(MqttQos qos) {
        return raw.publishWith().topic(topic).qos(qos).payload(payload).send();
    }
}
