package dev.mvmqtt.tck.profile;

import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mvmqtt.tck.broker.Credentials;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.target.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A QoS 1 subscriber that acknowledges nothing by itself: each delivery is handed over as the action that sends its
 * PUBACK, so the profile decides when (or whether) the broker sees it. The kit's {@link dev.mvmqtt.tck.observer.Observer}
 * acknowledges at once, which is why the flow-control question needs this one.
 */
final class ManualAckSubscriber implements AutoCloseable {
    private final Runnable disconnect;

    private ManualAckSubscriber(Runnable disconnect) {
        this.disconnect = disconnect;
    }

    /** Connects with a clean session and subscribes to {@code topic} at QoS 1; each delivery's PUBACK goes to {@code acks}. */
    static ManualAckSubscriber connect(TckTarget t, String topic, Queue<Runnable> acks) {
        MqttClientTransportConfig transport = t.observerBuilder().transport();
        Optional<Credentials> creds =
                t.broker().credentials().filter(c -> !t.broker().anonymousAccepted());
        String id = t.uniqueClientId("profile-flow");
        long waitMs = t.timeout(java.time.Duration.ofSeconds(5)).toMillis();
        if (t.version() == MqttVersion.V5) {
            Mqtt5AsyncClient c = Mqtt5Client.builder()
                    .identifier(id)
                    .transportConfig(transport)
                    .buildAsync();
            var connect = c.connectWith().cleanStart(true);
            if (creds.isPresent()) {
                connect = connect.simpleAuth()
                        .username(creds.get().username())
                        .password(creds.get().password().getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth();
            }
            join(connect.send(), waitMs);
            join(
                    c.subscribeWith()
                            .topicFilter(topic)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .callback(p -> acks.add(p::acknowledge))
                            .manualAcknowledgement(true)
                            .send(),
                    waitMs);
            return new ManualAckSubscriber(() -> join(c.disconnect(), waitMs));
        }
        Mqtt3AsyncClient c =
                Mqtt3Client.builder().identifier(id).transportConfig(transport).buildAsync();
        var connect = c.connectWith().cleanSession(true);
        if (creds.isPresent()) {
            connect = connect.simpleAuth()
                    .username(creds.get().username())
                    .password(creds.get().password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        join(connect.send(), waitMs);
        join(
                c.subscribeWith()
                        .topicFilter(topic)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .callback(p -> acks.add(p::acknowledge))
                        .manualAcknowledgement(true)
                        .send(),
                waitMs);
        return new ManualAckSubscriber(() -> join(c.disconnect(), waitMs));
    }

    private static <T> T join(CompletableFuture<T> f, long waitMs) {
        try {
            return f.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        disconnect.run();
    }
}
