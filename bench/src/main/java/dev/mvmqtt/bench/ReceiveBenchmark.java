package dev.mvmqtt.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TckTarget;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reference device's receive path (relay, channel queue, notification ring, mvMqttReceiveMessage and, at QoS 1,
 * mvMqttAcknowledgeMessage) side by side with a raw HiveMQ MQTT client subscribed the same way, on the same
 * Mosquitto. A raw publisher sends a batch of {@value #BATCH} messages at {@code qos} to the subscriber's topic, and
 * the invocation ends when the subscriber has every one (the device: read, and acknowledged at QoS 1; the raw
 * client: its callback ran, after which it acknowledges itself): messages received per second. Read the ratio of
 * {@code deviceReceive} to {@code rawReceive} at the same {@code qos}.
 *
 * <p>The device runs with its inbound circuit breaker lifted ({@link BenchReferenceProvider}): at the default 500
 * messages a second (LOSS-REF-5) it would trip within the first iteration.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReceiveBenchmark {
    static final int BATCH = 64;

    @Param({"0", "1"})
    public int qos;

    private final byte[] payload = new byte[64];
    private Firmware fw;
    private Microvisor mv;
    private int channel;
    private MvMqttMessage message;
    private String deviceTopic;
    private Mqtt5AsyncClient publisher;
    private Mqtt5AsyncClient subscriber;
    private String rawTopic;
    private final Semaphore rawReceived = new Semaphore(0);

    @Setup(Level.Trial)
    public void connect() {
        TckTarget target = BenchTarget.start(BenchReferenceProvider.NAME);
        fw = Firmware.start(target);
        mv = fw.mv();
        channel = fw.connected(target);
        deviceTopic = target.uniqueTopic("bench-device");
        fw.subscribed(channel, deviceTopic, qos);
        message = MvMqttMessage.allocate(256, 256);

        subscriber = Mqtt5Client.builder()
                .identifier(target.uniqueClientId("raw-sub"))
                .serverHost(target.host())
                .serverPort(target.port())
                .buildAsync();
        subscriber.connect().join();
        rawTopic = target.uniqueTopic("bench-raw");
        subscriber
                .subscribeWith()
                .topicFilter(rawTopic)
                .qos(MqttQos.fromCode(qos))
                .callback(p -> rawReceived.release())
                .send()
                .join();

        publisher = Mqtt5Client.builder()
                .identifier(target.uniqueClientId("raw-pub"))
                .serverHost(target.host())
                .serverPort(target.port())
                .buildAsync();
        publisher.connect().join();
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        publisher.disconnect().join();
        subscriber.disconnect().join();
        fw.close();
        BenchTarget.stop();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void deviceReceive() {
        CompletableFuture<?> sent = publishBatch(deviceTopic);
        for (int i = 0; i < BATCH; i++) {
            fw.awaitReadable(channel, MvMqttReadableDataType.MESSAGERECEIVED);
            MvStatus s = mv.mvMqttReceiveMessage(channel, message);
            if (!s.equals(MvStatus.OKAY)) {
                throw new IllegalStateException("mvMqttReceiveMessage: " + s);
            }
            if (qos == 1) {
                mv.mvMqttAcknowledgeMessage(channel, message.correlationId().get());
            }
        }
        sent.join();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawReceive() throws InterruptedException {
        CompletableFuture<?> sent = publishBatch(rawTopic);
        if (!rawReceived.tryAcquire(BATCH, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the raw subscriber did not receive " + BATCH + " messages within 30 s");
        }
        sent.join();
    }

    private CompletableFuture<?> publishBatch(String topic) {
        CompletableFuture<?>[] sent = new CompletableFuture<?>[BATCH];
        for (int i = 0; i < BATCH; i++) {
            sent[i] = publisher
                    .publishWith()
                    .topic(topic)
                    .qos(MqttQos.fromCode(qos))
                    .payload(payload)
                    .send();
        }
        return CompletableFuture.allOf(sent);
    }
}
