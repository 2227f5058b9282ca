package dev.mvmqtt.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Artemis serves MQTT 3.1.1 and 5 on loopback and checks the configured user's password. */
class ArtemisBrokerTest {
    @TempDir
    static Path data;

    static ArtemisBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = ArtemisBroker.start(0, data, "device", "s3cret");
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static Mqtt5BlockingClient v5(String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
    }

    @Test
    void mqtt5_anonymous_client_receives_what_it_subscribed_to() throws Exception {
        Mqtt5BlockingClient sub = v5("sub");
        Mqtt5BlockingClient pub = v5("pub");
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
                sub.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith()
                    .topicFilter("kit/artemis")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            pub.publishWith()
                    .topic("kit/artemis")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("hello".getBytes(StandardCharsets.UTF_8))
                    .send();
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("hello");
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void mqtt311_client_connects() {
        Mqtt3BlockingClient c = MqttClient.builder()
                .useMqttVersion3()
                .identifier("v311")
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
        assertThat(c.connect().isSessionPresent()).isFalse();
        c.disconnect();
    }

    @Test
    void the_user_must_give_its_password() {
        Mqtt5BlockingClient wrong = v5("wrong");
        assertThatThrownBy(() -> wrong.connectWith()
                        .simpleAuth()
                        .username("device")
                        .password("nope".getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth()
                        .send())
                .isInstanceOfSatisfying(
                        Mqtt5ConnAckException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode())
                                .isIn(
                                        Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                                        Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
        Mqtt5BlockingClient right = v5("right");
        right.connectWith()
                .simpleAuth()
                .username("device")
                .password("s3cret".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        right.disconnect();
    }
}
