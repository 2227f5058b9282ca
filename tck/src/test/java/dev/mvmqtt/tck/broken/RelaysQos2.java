package dev.mvmqtt.tck.broken;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A publish with desired_qos 2 is sent to the broker as a QoS 2 PUBLISH (over a second MQTT connection to the
 * channel's broker, since the reference itself cannot send QoS 2), and still handed to the reference, so the
 * device's own response is unchanged. Only the broker sees the difference.
 */
@Violation(
        rules = {"QOS-TWO-1"},
        breaks = "a QoS 2 publish reaches the broker as QoS 2.")
public final class RelaysQos2 implements BrokenProvider {
    @Override
    public String name() {
        return "broken-relays-qos2";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            private final Map<Integer, MvMqttConnectRequest> connects = new ConcurrentHashMap<>();

            @Override
            public MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request) {
                MvStatus status = delegate.mvMqttRequestConnect(channelHandle, request);
                if (status == MvStatus.OKAY) {
                    connects.put(channelHandle, request);
                }
                return status;
            }

            @Override
            public MvStatus mvMqttRequestPublish(int channelHandle, MvMqttPublishRequest request) {
                MvMqttConnectRequest connect = connects.get(channelHandle);
                if (request != null
                        && request.desiredQos() == 2
                        && connect != null
                        && valid(request.topic())
                        && valid(request.payload())) {
                    relay(connect, request); // QOS-TWO-1 broken
                }
                return delegate.mvMqttRequestPublish(channelHandle, request);
            }
        };
    }

    private static boolean valid(MvSizedString s) {
        return s != null && s.isValid();
    }

    private static void relay(MvMqttConnectRequest connect, MvMqttPublishRequest request) {
        try {
            String host = connect.host().asUtf8();
            String id = "broken-qos2-" + UUID.randomUUID();
            MqttClientSslConfig ssl = null;
            if (connect.tlsCredentials() != null && connect.tlsCredentials().cacert() != null) {
                List<byte[]> ca = connect.tlsCredentials().cacert().certs().stream()
                        .map(MvSizedString::bytes)
                        .toList();
                ssl = MqttClientSslConfig.builder()
                        .trustManagerFactory(TlsMaterial.trustManagerFactory(ca.toArray(byte[][]::new)))
                        .hostnameVerifier((h, s) -> true)
                        .build();
            }
            String topic = request.topic().asUtf8();
            byte[] payload = request.payload().bytes();
            if (connect.protocolVersion() == MvMqttProtocolVersion.V3_1_1.code()) {
                var b = MqttClient.builder()
                        .identifier(id)
                        .serverHost(host)
                        .serverPort(connect.port())
                        .useMqttVersion3();
                Mqtt3BlockingClient c = (ssl == null ? b : b.sslConfig(ssl)).buildBlocking();
                c.connect();
                c.publishWith()
                        .topic(topic)
                        .qos(MqttQos.EXACTLY_ONCE)
                        .payload(payload)
                        .send();
                c.disconnect();
            } else {
                var b = MqttClient.builder()
                        .identifier(id)
                        .serverHost(host)
                        .serverPort(connect.port())
                        .useMqttVersion5();
                Mqtt5BlockingClient c = (ssl == null ? b : b.sslConfig(ssl)).buildBlocking();
                c.connect();
                c.publishWith()
                        .topic(topic)
                        .qos(MqttQos.EXACTLY_ONCE)
                        .payload(payload)
                        .send();
                c.disconnect();
            }
        } catch (RuntimeException e) {
            // the break did not happen (broker unreachable, needs credentials): behave like the reference
        }
    }
}
