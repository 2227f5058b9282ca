package dev.mvmqtt.reference.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A relay runs on its MQTT client's own event loop only if the library still lets the loop be had: were it lost (a
 * library update), every relay would fall back to the shared relay loop silently, correct but two thread wake-ups
 * slower per round trip.
 */
class ClientEventLoopTest {
    @Test
    void theEventLoopOfA5ClientIsHeldAndServesTasks() throws Exception {
        assertHeldAndServing(
                MqttClient.builder().useMqttVersion5().serverPort(1).buildAsync());
    }

    @Test
    void theEventLoopOfA311ClientIsHeldThroughIts5ClientBeneath() throws Exception {
        assertHeldAndServing(
                MqttClient.builder().useMqttVersion3().serverPort(1).buildAsync());
    }

    private static void assertHeldAndServing(Object client) throws Exception {
        Optional<ClientEventLoop> held = ClientEventLoop.hold(client);
        assertThat(held).as("the client's NIO event loop").isPresent();
        try {
            CompletableFuture<Boolean> inLoop = new CompletableFuture<>();
            held.get().execute(() -> inLoop.complete(held.get().inLoop()));
            assertThat(inLoop.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(held.get().inLoop()).as("the test thread").isFalse();
        } finally {
            held.get().release();
        }
    }
}
