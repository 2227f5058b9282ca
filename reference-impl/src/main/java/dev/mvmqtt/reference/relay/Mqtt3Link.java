package dev.mvmqtt.reference.relay;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3SubscribeBuilder;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.unsubscribe.Mqtt3Unsubscribe;
import com.hivemq.client.mqtt.mqtt3.message.unsubscribe.Mqtt3UnsubscribeBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT 3.1.1 session through the HiveMQ MQTT client. 3.1.1 has no subscription options (nl, rap,
 * rh are ignored), no UNSUBACK codes and no PUBACK reason codes.
 */
final class Mqtt3Link extends AbstractBrokerLink {
    private final Mqtt3AsyncClient client;
    private final Mqtt3Connect connect;

    Mqtt3Link(
            ConnectSpec spec,
            InetSocketAddress target,
            MqttClientSslConfig ssl,
            TcpRelay relay,
            BrokerEvents events,
            Executor deviceEvents) {
        super(relay, events, deviceEvents);
        Mqtt3ClientBuilder builder = MqttClient.builder()
                .useMqttVersion3()
                .identifier(spec.clientId())
                .transportConfig()
                .serverAddress(target)
                .socketConnectTimeout(spec.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(spec.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
                // TLS inside the transport config: a builder-level sslConfig(...) after an applied transport
                // config is dropped by the client library, and the connection silently ran plain TCP.
                .sslConfig(ssl)
                .applyTransportConfig()
                .addDisconnectedListener(context -> {
                    if (context.getSource() != MqttDisconnectSource.USER) {
                        lost(-1);
                    }
                });
        this.client = builder.buildAsync();
        Mqtt3ConnectBuilder connectBuilder =
                Mqtt3Connect.builder().cleanSession(spec.cleanStart()).keepAlive(spec.keepaliveSeconds());
        if (spec.username() != null) {
            connectBuilder = connectBuilder.simpleAuth(Mqtt3SimpleAuth.builder()
                    .username(spec.username())
                    .password(spec.password())
                    .build());
        }
        if (spec.will() != null) {
            ConnectSpec.Will will = spec.will();
            connectBuilder = connectBuilder.willPublish(Mqtt3Publish.builder()
                    .topic(will.topic())
                    .payload(will.payload())
                    .qos(MqttQos.fromCode(will.qos()))
                    .retain(will.retain())
                    .build());
        }
        this.connect = connectBuilder.build();
        // Registered before CONNECT so messages of a resumed session are not missed.
        client.publishes(
                MqttGlobalPublishFilter.ALL,
                publish -> received(new InboundMessage(
                        publish.getTopic().toString().getBytes(StandardCharsets.UTF_8),
                        publish.getPayloadAsBytes(),
                        publish.getQos().getCode(),
                        publish.isRetain(),
                        publish::acknowledge)),
                true);
    }

    @Override
    CompletableFuture<?> connect() {
        return client.connect(connect);
    }

    @Override
    public CompletableFuture<int[]> subscribe(List<SubscriptionSpec> subscriptions) {
        Mqtt3SubscribeBuilder.Start builder = Mqtt3Subscribe.builder();
        Mqtt3SubscribeBuilder.Complete complete = null;
        for (SubscriptionSpec s : subscriptions) {
            Mqtt3Subscription subscription = Mqtt3Subscription.builder()
                    .topicFilter(s.topicFilter())
                    .qos(MqttQos.fromCode(s.qos()))
                    .build();
            complete =
                    complete == null ? builder.addSubscription(subscription) : complete.addSubscription(subscription);
        }
        return handOff(client.subscribe(complete.build()).handle((ack, failure) -> {
            if (failure == null) {
                return codes(ack);
            }
            Throwable cause = Mqtt5Link.unwrap(failure);
            if (cause instanceof Mqtt3SubAckException) {
                return codes(((Mqtt3SubAckException) cause).getMqttMessage());
            }
            throw new CompletionException(cause);
        }));
    }

    private static int[] codes(Mqtt3SubAck ack) {
        return ack.getReturnCodes().stream().mapToInt(c -> c.getCode()).toArray();
    }

    @Override
    public CompletableFuture<int[]> unsubscribe(List<String> topicFilters) {
        Mqtt3UnsubscribeBuilder.Start builder = Mqtt3Unsubscribe.builder();
        Mqtt3UnsubscribeBuilder.Complete complete = null;
        for (String filter : topicFilters) {
            complete = complete == null ? builder.addTopicFilter(filter) : complete.addTopicFilter(filter);
        }
        int n = topicFilters.size();
        return handOff(client.unsubscribe(complete.build()).thenApply(v -> new int[n]));
    }

    @Override
    public CompletableFuture<Integer> publish(String topic, byte[] payload, int qos, boolean retain) {
        Mqtt3Publish publish = Mqtt3Publish.builder()
                .topic(topic)
                .payload(payload)
                .qos(MqttQos.fromCode(qos))
                .retain(retain)
                .build();
        return handOff(client.publish(publish).thenApply(p -> 0));
    }

    @Override
    public CompletableFuture<Integer> disconnect() {
        endedByDevice();
        return handOff(client.disconnect().thenApply(v -> 0));
    }
}
