package dev.mvmqtt.tck.tests.demo;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TckTarget;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks an MQTT 5 broker, with two plain clients, what it tells a client whose session another client takes over: the
 * reason code of its DISCONNECT, or nothing when it just closes the connection (mosquitto 2.0 does). An implementation
 * can only relay a code the broker sends, so a test of the relayed code needs to know first.
 */
final class TakeoverProbe {
    private TakeoverProbe() {}

    /** The DISCONNECT reason code the first of two clients with one client id receives, or empty when it gets none. */
    static OptionalInt disconnectReasonOnTakeover(TckTarget target) {
        String id = target.uniqueClientId("probe");
        long millis = target.timeout(Firmware.ANSWER_TIMEOUT).toMillis();
        CompletableFuture<Throwable> why = new CompletableFuture<>();
        Mqtt5AsyncClient first = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .transportConfig(target.observerBuilder().transport())
                .addDisconnectedListener(context -> why.complete(context.getCause()))
                .buildAsync();
        Mqtt5AsyncClient second = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .transportConfig(target.observerBuilder().transport())
                .buildAsync();
        try {
            first.connect().get(millis, TimeUnit.MILLISECONDS);
            second.connect().get(millis, TimeUnit.MILLISECONDS);
            Throwable cause = why.get(millis, TimeUnit.MILLISECONDS);
            return cause instanceof Mqtt5DisconnectException d
                    ? OptionalInt.of(d.getMqttMessage().getReasonCode().getCode())
                    : OptionalInt.empty();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("probing " + target.id() + " for its takeover DISCONNECT: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            second.disconnect();
            first.disconnect();
        }
    }
}
