package dev.mvmqtt.bench;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TckTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * N reference devices against N raw HiveMQ MQTT clients on the same Mosquitto (MQTT 5, plain, clean start), each
 * kind in a JVM fork of its own so that the footprint of one does not count for the other.
 *
 * <p>The score is the time from nothing to N connections established (single shot): for a device, creating the
 * Microvisor, its notification centre, network and channel, the connect request, and reading a REQUESTCOMPLETED
 * connect response; for a raw client, building it and its CONNACK. All N are started before any is awaited.
 * After each iteration, with the N connections still up, one {@code footprint} line per connection goes to the
 * log: threads, live heap after a full GC, resident memory and file descriptors, less what the fork held before
 * the iteration (the first iteration's figures include the fork's warm-up: code compiled, pools started). Compare
 * {@code kind=device} with {@code kind=raw} at the same {@code n}.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScaleBenchmark {
    @Param({"200", "1000"})
    public int n;

    @Param({"device", "raw"})
    public String kind;

    private TckTarget target;
    private Footprint before;
    private final List<Firmware> devices = new ArrayList<>();
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();

    @Setup(Level.Trial)
    public void broker() {
        target = BenchTarget.start("reference");
    }

    @TearDown(Level.Trial)
    public void stopBroker() {
        BenchTarget.stop();
    }

    @Setup(Level.Iteration)
    public void measureBefore() {
        before = Footprint.now();
    }

    @Benchmark
    public void connectAll() {
        if (kind.equals("raw")) {
            connectRaw();
        } else {
            connectDevices();
        }
    }

    private void connectRaw() {
        CompletableFuture<?>[] connected = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            Mqtt5AsyncClient client = Mqtt5Client.builder()
                    .identifier(target.uniqueClientId("raw" + i))
                    .serverHost(target.host())
                    .serverPort(target.port())
                    .buildAsync();
            clients.add(client);
            connected[i] = client.connectWith().cleanStart(true).keepAlive(30).send();
        }
        CompletableFuture.allOf(connected).join();
    }

    private void connectDevices() {
        int[] channels = new int[n];
        for (int i = 0; i < n; i++) {
            Firmware fw = Firmware.start(target);
            devices.add(fw);
            channels[i] = fw.openChannel();
            MvStatus s = fw.mv()
                    .mvMqttRequestConnect(
                            channels[i],
                            Firmware.connectRequest(target, target.uniqueClientId("dev" + i))
                                    .build());
            if (!s.equals(MvStatus.OKAY)) {
                throw new IllegalStateException("mvMqttRequestConnect: " + s);
            }
        }
        for (int i = 0; i < n; i++) {
            Firmware fw = devices.get(i);
            fw.awaitReadable(channels[i], MvMqttReadableDataType.CONNECTRESPONSE);
            MvMqttConnectResponse r = new MvMqttConnectResponse();
            MvStatus s = fw.mv().mvMqttReadConnectResponse(channels[i], r);
            if (!s.equals(MvStatus.OKAY) || !r.state().equals(MvMqttRequestState.REQUESTCOMPLETED)) {
                throw new IllegalStateException("connect response: " + s + " " + r);
            }
        }
    }

    @TearDown(Level.Iteration)
    public void measureAfterAndClose() {
        System.out.println();
        System.out.println(Footprint.now().perConnectionSince(before, n, kind));
        for (Firmware fw : devices) {
            fw.close();
        }
        devices.clear();
        CompletableFuture<?>[] gone =
                clients.stream().map(Mqtt5AsyncClient::disconnect).toArray(CompletableFuture<?>[]::new);
        CompletableFuture.allOf(gone).exceptionally(t -> null).join();
        clients.clear();
        awaitReleased();
    }

    /**
     * Waits (untimed: after the iteration) until the connections just closed have released their descriptors, so
     * that the next iteration's baseline does not count them: a device closes its sockets asynchronously.
     */
    private void awaitReleased() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Footprint.countFds() > before.fds() + 2 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
