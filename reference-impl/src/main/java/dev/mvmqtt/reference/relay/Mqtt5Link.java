package dev.mvmqtt.reference.relay;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5UnsubAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5SubscribeBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5Unsubscribe;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5UnsubscribeBuilder;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAck;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** An MQTT 5 session through the HiveMQ MQTT client, acknowledging QoS 1 messages only on request. */
final class Mqtt5Link extends AbstractBrokerLink {
    private final Mqtt5AsyncClient client;
    private final Mqtt5Connect connect;

    Mqtt5Link(
            ConnectSpec spec,
            InetSocketAddress target,
            MqttClientSslConfig ssl,
            TcpRelay relay,
            BrokerEvents events,
            Executor deviceEvents) {
        super(relay, events, deviceEvents);
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
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
                        lost(brokerDisconnectCode(context.getCause()));
                    }
                });
        this.client = builder.buildAsync();
        Mqtt5ConnectBuilder connectBuilder = Mqtt5Connect.builder()
                .cleanStart(spec.cleanStart())
                .sessionExpiryInterval(spec.sessionExpirySeconds())
                .keepAlive(spec.keepaliveSeconds());
        if (spec.username() != null) {
            connectBuilder = connectBuilder.simpleAuth(Mqtt5SimpleAuth.builder()
                    .username(spec.username())
                    .password(spec.password())
                    .build());
        }
        if (spec.will() != null) {
            ConnectSpec.Will will = spec.will();
            connectBuilder = connectBuilder.willPublish(Mqtt5Publish.builder()
                    .topic(will.topic())
                    .payload(will.payload())
                    .qos(MqttQos.fromCode(will.qos()))
                    .retain(will.retain())
                    .asWill()
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
        Mqtt5SubscribeBuilder.Start builder = Mqtt5Subscribe.builder();
        Mqtt5SubscribeBuilder.Complete complete = null;
        for (SubscriptionSpec s : subscriptions) {
            Mqtt5Subscription subscription = Mqtt5Subscription.builder()
                    .topicFilter(s.topicFilter())
                    .qos(MqttQos.fromCode(s.qos()))
                    .noLocal(s.noLocal())
                    .retainAsPublished(s.retainAsPublished())
                    .retainHandling(Mqtt5RetainHandling.fromCode(s.retainHandling()))
                    .build();
            complete =
                    complete == null ? builder.addSubscription(subscription) : complete.addSubscription(subscription);
        }
        return handOff(client.subscribe(complete.build()).handle((ack, failure) -> {
            if (failure == null) {
                return codes(ack);
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof Mqtt5SubAckException) {
                return codes(((Mqtt5SubAckException) cause).getMqttMessage());
            }
            throw new CompletionException(cause);
        }));
    }

    private static int[] codes(Mqtt5SubAck ack) {
        return ack.getReasonCodes().stream().mapToInt(c -> c.getCode()).toArray();
    }

    private static int[] codes(Mqtt5UnsubAck ack) {
        return ack.getReasonCodes().stream().mapToInt(c -> c.getCode()).toArray();
    }

    @Override
    public CompletableFuture<int[]> unsubscribe(List<String> topicFilters) {
        Mqtt5UnsubscribeBuilder.Start builder = Mqtt5Unsubscribe.builder();
        Mqtt5UnsubscribeBuilder.Complete complete = null;
        for (String filter : topicFilters) {
            complete = complete == null ? builder.addTopicFilter(filter) : complete.addTopicFilter(filter);
        }
        return handOff(client.unsubscribe(complete.build()).handle((ack, failure) -> {
            if (failure == null) {
                return codes(ack);
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof Mqtt5UnsubAckException) {
                return codes(((Mqtt5UnsubAckException) cause).getMqttMessage());
            }
            throw new CompletionException(cause);
        }));
    }

    @Override
    public CompletableFuture<Integer> publish(String topic, byte[] payload, int qos, boolean retain) {
        Mqtt5Publish publish = Mqtt5Publish.builder()
                .topic(topic)
                .payload(payload)
                .qos(MqttQos.fromCode(qos))
                .retain(retain)
                .build();
        return handOff(client.publish(publish).thenApply(result -> {
            if (result.getError().isPresent()) {
                Throwable error = result.getError().get();
                if (error instanceof Mqtt5PubAckException) {
                    throw new BrokerRefusedException(
                            ((Mqtt5PubAckException) error)
                                    .getMqttMessage()
                                    .getReasonCode()
                                    .getCode(),
                            error);
                }
                throw new CompletionException(error);
            }
            if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result) {
                return ((Mqtt5PublishResult.Mqtt5Qos1Result) result)
                        .getPubAck()
                        .getReasonCode()
                        .getCode();
            }
            return 0;
        }));
    }

    @Override
    public CompletableFuture<Integer> disconnect() {
        endedByDevice();
        return handOff(client.disconnect().thenApply(v -> 0));
    }

    /** The reason code of the broker's DISCONNECT somewhere in {@code cause}, or -1 when the broker sent none. */
    private static int brokerDisconnectCode(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Mqtt5DisconnectException) {
                return ((Mqtt5DisconnectException) t)
                        .getMqttMessage()
                        .getReasonCode()
                        .getCode();
            }
        }
        return -1;
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
