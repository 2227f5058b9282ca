package dev.mvmqtt.tck.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvmqtt.tck.settings.ContainerImages;
import dev.mvmqtt.tck.target.BrokerFamily;
import org.junit.jupiter.api.Test;

class ContainerImagesTest {

    @Test
    void theTagIsWhatFollowsTheLastColonOfTheName() {
        assertThat(ContainerImages.tag("hivemq/hivemq-ce:2025.5")).isEqualTo("2025.5");
        assertThat(ContainerImages.tag("registry.example:5000/mvmqtt/mosquitto-local:2.0.11"))
                .isEqualTo("2.0.11");
        assertThat(ContainerImages.tag("registry.example:5000/mosquitto")).isEqualTo("latest");
        assertThat(ContainerImages.tag("eclipse-mosquitto@sha256:abc")).isEqualTo("sha256:abc");
    }

    @Test
    void eachFamilyHasItsImageAndExternalNone() {
        ContainerImages own = new ContainerImages("mvmqtt/hivemq-ce-local:2025.5", ContainerImages.MOSQUITTO);
        assertThat(own.of(BrokerFamily.HIVEMQ)).isEqualTo("mvmqtt/hivemq-ce-local:2025.5");
        assertThat(own.of(BrokerFamily.MOSQUITTO)).isEqualTo(ContainerImages.MOSQUITTO);
        assertThat(own.official()).isFalse();
        assertThat(ContainerImages.defaults().official()).isTrue();
        assertThatThrownBy(() -> own.of(BrokerFamily.EXTERNAL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContainerImages(" ", ContainerImages.MOSQUITTO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hivemq/hivemq-ce:2025.5");
    }

    @Test
    void anEngineErrorIsReducedToItsMessage() {
        assertThat(ImageAvailability.engineMessage(
                        "Status 500: {\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\":"
                                + " dial tcp: lookup registry-1.docker.io: no such host\"}"))
                .isEqualTo(
                        "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host");
        assertThat(ImageAvailability.engineMessage("connection refused")).isEqualTo("connection refused");
    }
}
