package dev.mvmqtt.tck.observer;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.tls.ClientCertificate;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An independent MQTT client (HiveMQ MQTT Client) that tests use as the broker-side truth: it sees what really
 * reached the broker, and it publishes as "the cloud" would.
 *
 * <p>Every publish delivered to it, on any subscription and including those queued in a resumed session, is
 * recorded in arrival order ({@link #messages()}); {@link #awaitMessages} waits for them on a condition (no
 * sleeping), and {@link #assertNoMessageWithin} checks that something does <em>not</em> happen over a short, named
 * window. Incoming QoS 1 and 2 messages are acknowledged automatically. Thread-safe. {@link #close()} disconnects.
 *
 * <pre>{@code
 * try (Observer observer = target.observer()) {
 *     observer.subscribe(topic, 2);
 *     ... let the device publish ...
 *     ReceivedMessage m = observer.awaitMessages(1, target.timeout(Duration.ofSeconds(5))).get(0);
 *     assertThat(m.payload()).isEqualTo(payload);
 * }
 * }</pre>
 */
public final class Observer implements AutoCloseable {
    /**
     * The default window over which something that must not happen is watched for, before the timeout factor:
     * 500 ms.
     */
    public static final Duration QUIET_WINDOW = Duration.ofMillis(500);

    private final Connection connection;
    private final String clientId;
    private final MqttVersion version;
    private final Duration timeout;
    private final boolean sessionPresent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<ReceivedMessage> messages = new ArrayList<>();
    /** Completes when the broker ends the connection: with its MQTT 5 DISCONNECT reason code, or empty. */
    private final CompletableFuture<OptionalInt> endedByBroker = new CompletableFuture<>();

    private volatile boolean closed;

    private Observer(Builder b) {
        this.clientId = b.clientId != null
                ? b.clientId
                : "obs-" + UUID.randomUUID().toString().substring(0, 16);
        this.version = b.version;
        this.timeout = b.timeout;
        this.connection = b.version == MqttVersion.V5
                ? new V5(b, clientId, this::record, endedByBroker::complete)
                : new V3(b, clientId, this::record, endedByBroker::complete);
        this.sessionPresent = connection.connect(b);
    }

    /** A builder for an observer of the broker at {@code host:port}, speaking {@code version}. */
    public static Builder builder(String host, int port, MqttVersion version) {
        return new Builder(host, port, version);
    }

    private void record(ReceivedMessage m) {
        lock.lock();
        try {
            messages.add(m);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ----- identity

    /** The client id it connected with. */
    public String clientId() {
        return clientId;
    }

    /** Its MQTT version. */
    public MqttVersion version() {
        return version;
    }

    /**
     * How the broker ended this observer's connection, waiting up to {@code timeout}: the reason code of the MQTT 5
     * DISCONNECT it sent, or empty when it closed the connection without one (always, on MQTT 3.1.1).
     *
     * @throws ObserverException when the broker did not end the connection within {@code timeout}
     */
    public OptionalInt awaitEndedByBroker(Duration timeout) {
        try {
            return endedByBroker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new ObserverException(
                    "the broker did not end observer " + clientId + "'s connection within " + timeout, e, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObserverException("interrupted waiting for the broker to end observer " + clientId, e, -1);
        }
    }

    /** The session-present flag of its CONNACK. */
    public boolean sessionPresent() {
        return sessionPresent;
    }

    /**
     * The user properties of its MQTT 5 CONNACK, in the broker's order (a name may repeat); empty on MQTT 3.1.1,
     * whose CONNACK has none. Where a broker says what it is, if it says so at all.
     */
    public List<Map.Entry<String, String>> connAckUserProperties() {
        return connection.connAckUserProperties();
    }

    // ----- actions

    /**
     * Subscribes to {@code filter} with maximum QoS {@code qos} (0, 1 or 2) and waits for the SUBACK.
     *
     * @return the granted QoS
     * @throws ObserverException when the broker refuses or does not answer
     */
    public int subscribe(String filter, int qos) {
        return await(connection.subscribe(filter, MqttQos.fromCode(qos)), "subscribe to " + filter);
    }

    /** Unsubscribes from {@code filter} and waits for the UNSUBACK. */
    public void unsubscribe(String filter) {
        await(connection.unsubscribe(filter), "unsubscribe from " + filter);
    }

    /**
     * Publishes and waits until the publish is done: written (QoS 0), PUBACK (QoS 1) or PUBCOMP (QoS 2).
     *
     * @throws ObserverException when the publish fails or times out
     */
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        await(connection.publish(topic, payload.clone(), MqttQos.fromCode(qos), retain), "publish to " + topic);
    }

    /**
     * Publishes {@code payload} on {@code topic} at QoS 1 (not retained), waits for the PUBACK and returns its MQTT 5
     * reason code, success or not: where MQTT lets brokers answer differently (0x00 or 0x10 "no matching
     * subscribers"), what this broker answers. Empty on MQTT 3.1.1, whose PUBACK has no reason code.
     *
     * @throws ObserverException when the broker does not answer
     */
    public OptionalInt pubAckReasonCode(String topic, byte[] payload) {
        return await(connection.publishQos1(topic, payload.clone()), "publish at QoS 1 to " + topic);
    }

    /**
     * Publishes every payload on {@code topic} at {@code qos} (not retained) without waiting between them, then waits
     * for all of them: the broker gets them as one burst.
     */
    public void publishBurst(String topic, List<byte[]> payloads, int qos) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (byte[] payload : payloads) {
            sent.add(connection.publish(topic, payload.clone(), MqttQos.fromCode(qos), false));
        }
        await(
                CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])),
                "publish a burst of " + payloads.size() + " to " + topic);
    }

    /** Publishes a UTF-8 text payload; see {@link #publish(String, byte[], int, boolean)}. */
    public void publish(String topic, String payload, int qos, boolean retain) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
    }

    /** Clears a retained message on {@code topic} (an empty retained publish, QoS 1). */
    public void clearRetained(String topic) {
        publish(topic, new byte[0], 1, true);
    }

    // ----- what arrived

    /** Every message received so far, in arrival order (a snapshot). */
    public List<ReceivedMessage> messages() {
        lock.lock();
        try {
            return List.copyOf(messages);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the messages received so far. */
    public void clear() {
        lock.lock();
        try {
            messages.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code n} messages have been received, and returns all received so far.
     *
     * @throws AssertionError naming what did arrive, when fewer than {@code n} arrived within {@code timeout}
     */
    public List<ReceivedMessage> awaitMessages(int n, Duration timeout) {
        return awaitMessages(n, timeout, m -> true);
    }

    /**
     * Waits until at least {@code n} received messages match {@code filter}, and returns the matching ones in
     * arrival order.
     *
     * @throws AssertionError naming what did arrive, when fewer than {@code n} matched within {@code timeout}
     */
    public List<ReceivedMessage> awaitMessages(int n, Duration timeout, Predicate<ReceivedMessage> filter) {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                List<ReceivedMessage> matching =
                        messages.stream().filter(filter).toList();
                if (matching.size() >= n) {
                    return matching;
                }
                if (nanos <= 0) {
                    throw new AssertionError("observer " + clientId + ": expected " + n + " matching message(s) within "
                            + timeout.toMillis() + " ms, got " + matching.size() + "; received: " + messages);
                }
                nanos = arrived.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for messages", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Checks that no message is received by the end of {@code window}: fails at once when a message was already
     * received (call {@link #clear()} first to ignore earlier ones) or as soon as one arrives.
     */
    public void assertNoMessageWithin(Duration window) {
        assertNoMessageWithin(window, m -> true);
    }

    /**
     * Checks, without waiting, that no message matching {@code filter} has been received so far: for a "must not
     * happen" whose window another watch of the same test has already spent since the action.
     */
    public void assertNoMessageSoFar(Predicate<ReceivedMessage> filter) {
        assertNoMessageWithin(Duration.ZERO, filter);
    }

    /**
     * Checks that no message matching {@code filter} is received by the end of {@code window}: fails at once when
     * one was already received or as soon as one arrives (the wait wakes on every arrival; nothing sleeps).
     */
    public void assertNoMessageWithin(Duration window, Predicate<ReceivedMessage> filter) {
        long nanos = window.toNanos();
        lock.lock();
        try {
            while (true) {
                for (ReceivedMessage m : messages) {
                    if (filter.test(m)) {
                        throw new AssertionError("observer " + clientId + ": expected no matching message within "
                                + window.toMillis() + " ms, but received " + m);
                    }
                }
                if (nanos <= 0) {
                    return;
                }
                nanos = arrived.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching for messages", e);
        } finally {
            lock.unlock();
        }
    }

    /** Disconnects gracefully (a session with an expiry interval stays on the broker); idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                connection.disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // already gone
            }
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ObserverException("observer " + clientId + " could not " + what + ": " + cause, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ObserverException(
                    "observer " + clientId + " could not " + what + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObserverException("interrupted: " + what, e);
        }
    }

    @Override
    public String toString() {
        return "Observer{" + clientId + ", MQTT " + version.label() + "}";
    }

    // ----- builder

    /** Configures and connects an {@link Observer}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final MqttVersion version;
        private byte[] caDer;
        private ClientCertificate clientCertificate;
        private String clientId;
        private boolean cleanStart = true;
        private Duration sessionExpiry = Duration.ZERO;
        private String username;
        private byte[] password;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(String host, int port, MqttVersion version) {
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            this.version = Objects.requireNonNull(version, "version");
        }

        /** Connects with TLS, trusting exactly this CA certificate (DER); hostname verification stays on. */
        public Builder tls(byte[] caCertificateDer) {
            this.caDer = caCertificateDer.clone();
            return this;
        }

        /** Connects without TLS (the default). */
        public Builder plain() {
            this.caDer = null;
            this.clientCertificate = null;
            return this;
        }

        /** Presents the client certificate of {@code material} (mutual TLS); needs {@link #tls(byte[])}. */
        public Builder clientCertificate(TlsMaterial material) {
            return clientCertificate(ClientCertificate.of(material));
        }

        /** Presents this client certificate (mutual TLS); needs {@link #tls(byte[])}. */
        public Builder clientCertificate(ClientCertificate certificate) {
            this.clientCertificate = certificate;
            return this;
        }

        /** The client id; default: a random {@code obs-...} id. Connecting with another client's id takes over its session. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** Clean start (MQTT 5) / clean session (3.1.1); default true. */
        public Builder cleanStart(boolean cleanStart) {
            this.cleanStart = cleanStart;
            return this;
        }

        /** MQTT 5 session-expiry interval; default 0. Ignored on 3.1.1 (a clean-session-false session persists). */
        public Builder sessionExpiry(Duration sessionExpiry) {
            this.sessionExpiry = sessionExpiry;
            return this;
        }

        /** Username and password. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** No user name and no password (clears preset credentials). */
        public Builder anonymous() {
            this.username = null;
            this.password = null;
            return this;
        }

        /** Username only. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** How long to wait for the broker's answer to each action; default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Connects and waits for the CONNACK.
         *
         * @throws ObserverException when the broker refuses ({@link ObserverException#reasonCode()}), the TLS
         *                           handshake fails (the cause chain holds the {@code SSLException}) or nothing answers
         */
        public Observer connect() {
            return new Observer(this);
        }

        /** The transport this builder connects with (host, port, timeouts, TLS), for a client a test builds itself. */
        public MqttClientTransportConfig transport() {
            MqttClientTransportConfigBuilder t = MqttClientTransportConfig.builder()
                    .serverHost(host)
                    .serverPort(port)
                    .socketConnectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .mqttConnectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (caDer != null) {
                var ssl = MqttClientSslConfig.builder()
                        .trustManagerFactory(TlsMaterial.trustManagerFactory(caDer))
                        .handshakeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (clientCertificate != null) {
                    ssl = ssl.keyManagerFactory(clientCertificate.keyManagerFactory());
                }
                t = t.sslConfig(ssl.build());
            }
            return t.build();
        }
    }

    // ----- version-specific connections

    private interface Connection {
        boolean connect(Builder b);

        CompletableFuture<Integer> subscribe(String filter, MqttQos qos);

        CompletableFuture<Void> unsubscribe(String filter);

        CompletableFuture<Void> publish(String topic, byte[] payload, MqttQos qos, boolean retain);

        CompletableFuture<Void> disconnect();

        /** A QoS 1 publish; the PUBACK's reason code where the version has one. */
        default CompletableFuture<OptionalInt> publishQos1(String topic, byte[] payload) {
            return publish(topic, payload, MqttQos.AT_LEAST_ONCE, false).thenApply(v -> OptionalInt.empty());
        }

        default List<Map.Entry<String, String>> connAckUserProperties() {
            return List.of();
        }
    }

    private static byte[] bytes(Optional<ByteBuffer> payload) {
        if (payload.isEmpty()) {
            return new byte[0];
        }
        ByteBuffer b = payload.get().asReadOnlyBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static ObserverException connectFailure(Builder b, String clientId, Throwable cause, int code) {
        String where = b.host + ":" + b.port + (b.caDer != null ? " (TLS)" : "") + " MQTT " + b.version.label();
        return new ObserverException(
                code >= 0
                        ? "broker at " + where + " refused observer " + clientId + " with code " + code + " (0x"
                                + Integer.toHexString(code) + ")"
                        : "observer " + clientId + " could not connect to " + where + ": " + cause,
                cause,
                code);
    }

    private static final class V5 implements Connection {
        private final Mqtt5AsyncClient client;
        private final String clientId;
        private volatile List<Map.Entry<String, String>> connAckUserProperties = List.of();

        V5(Builder b, String clientId, Consumer<ReceivedMessage> sink, Consumer<OptionalInt> ended) {
            this.clientId = clientId;
            this.client = Mqtt5Client.builder()
                    .identifier(clientId)
                    .transportConfig(b.transport())
                    .addDisconnectedListener(context -> {
                        if (context.getSource() == MqttDisconnectSource.SERVER) {
                            ended.accept(
                                    context.getCause() instanceof Mqtt5DisconnectException d
                                            ? OptionalInt.of(d.getMqttMessage()
                                                    .getReasonCode()
                                                    .getCode())
                                            : OptionalInt.empty());
                        }
                    })
                    .buildAsync();
            client.publishes(
                    MqttGlobalPublishFilter.ALL,
                    (Mqtt5Publish p) -> sink.accept(new ReceivedMessage(
                            p.getTopic().toString(),
                            bytes(p.getPayload()),
                            p.getQos().getCode(),
                            p.isRetain())));
        }

        @Override
        public boolean connect(Builder b) {
            Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> c =
                    client.connectWith().cleanStart(b.cleanStart).sessionExpiryInterval(b.sessionExpiry.toSeconds());
            if (b.username != null || b.password != null) {
                var auth = com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth.builder();
                com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth simple = b.username != null
                        ? (b.password != null
                                ? auth.username(b.username).password(b.password).build()
                                : auth.username(b.username).build())
                        : auth.password(b.password).build();
                c = c.simpleAuth(simple);
            }
            try {
                Mqtt5ConnAck ack = c.send().get(b.timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
                connAckUserProperties = ack.getUserProperties().asList().stream()
                        .map(p -> Map.entry(p.getName().toString(), p.getValue().toString()))
                        .toList();
                return ack.isSessionPresent();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Mqtt5ConnAckException ack) {
                    throw connectFailure(
                            b,
                            clientId,
                            cause,
                            ack.getMqttMessage().getReasonCode().getCode());
                }
                throw connectFailure(b, clientId, cause, -1);
            } catch (TimeoutException e) {
                client.disconnect();
                throw connectFailure(b, clientId, e, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw connectFailure(b, clientId, e, -1);
            }
        }

        @Override
        public CompletableFuture<Integer> subscribe(String filter, MqttQos qos) {
            return client.subscribeWith().topicFilter(filter).qos(qos).send().thenApply((Mqtt5SubAck ack) -> {
                Mqtt5SubAckReasonCode code = ack.getReasonCodes().get(0);
                if (code.isError()) {
                    throw new IllegalStateException("SUBACK reason code 0x" + Integer.toHexString(code.getCode()));
                }
                return code.getCode();
            });
        }

        @Override
        public CompletableFuture<Void> unsubscribe(String filter) {
            return client.unsubscribeWith().topicFilter(filter).send().thenApply(ack -> null);
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, MqttQos qos, boolean retain) {
            return client.publishWith()
                    .topic(topic)
                    .payload(payload)
                    .qos(qos)
                    .retain(retain)
                    .send()
                    .thenApply((Mqtt5PublishResult r) -> {
                        if (r.getError().isPresent()) {
                            throw new IllegalStateException(
                                    "publish failed: " + r.getError().get(),
                                    r.getError().get());
                        }
                        return null;
                    });
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return client.disconnect();
        }

        @Override
        public CompletableFuture<OptionalInt> publishQos1(String topic, byte[] payload) {
            // an error reason code is an answer too: read it from the PUBACK, not from the result's error
            return client.publishWith()
                    .topic(topic)
                    .payload(payload)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .thenApply(r -> r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1
                            ? OptionalInt.of(q1.getPubAck().getReasonCode().getCode())
                            : OptionalInt.empty());
        }

        @Override
        public List<Map.Entry<String, String>> connAckUserProperties() {
            return connAckUserProperties;
        }
    }

    private static final class V3 implements Connection {
        private final Mqtt3AsyncClient client;
        private final String clientId;

        V3(Builder b, String clientId, Consumer<ReceivedMessage> sink, Consumer<OptionalInt> ended) {
            this.clientId = clientId;
            this.client = Mqtt3Client.builder()
                    .identifier(clientId)
                    .transportConfig(b.transport())
                    .addDisconnectedListener(context -> {
                        if (context.getSource() == MqttDisconnectSource.SERVER) {
                            ended.accept(OptionalInt.empty());
                        }
                    })
                    .buildAsync();
            client.publishes(
                    MqttGlobalPublishFilter.ALL,
                    (Mqtt3Publish p) -> sink.accept(new ReceivedMessage(
                            p.getTopic().toString(),
                            bytes(p.getPayload()),
                            p.getQos().getCode(),
                            p.isRetain())));
        }

        @Override
        public boolean connect(Builder b) {
            Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> c =
                    client.connectWith().cleanSession(b.cleanStart);
            if (b.username != null) {
                var auth = com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth.builder()
                        .username(b.username);
                c = c.simpleAuth(b.password != null ? auth.password(b.password).build() : auth.build());
            } else if (b.password != null) {
                throw new IllegalArgumentException("MQTT 3.1.1 has no password without a username");
            }
            try {
                return c.send()
                        .get(b.timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                        .isSessionPresent();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Mqtt3ConnAckException ack) {
                    throw connectFailure(
                            b,
                            clientId,
                            cause,
                            ack.getMqttMessage().getReturnCode().getCode());
                }
                throw connectFailure(b, clientId, cause, -1);
            } catch (TimeoutException e) {
                client.disconnect();
                throw connectFailure(b, clientId, e, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw connectFailure(b, clientId, e, -1);
            }
        }

        @Override
        public CompletableFuture<Integer> subscribe(String filter, MqttQos qos) {
            return client.subscribeWith().topicFilter(filter).qos(qos).send().thenApply((Mqtt3SubAck ack) -> {
                Mqtt3SubAckReturnCode code = ack.getReturnCodes().get(0);
                if (code.isError()) {
                    throw new IllegalStateException("SUBACK return code 0x" + Integer.toHexString(code.getCode()));
                }
                return code.getCode();
            });
        }

        @Override
        public CompletableFuture<Void> unsubscribe(String filter) {
            return client.unsubscribeWith().topicFilter(filter).send();
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, MqttQos qos, boolean retain) {
            return client.publishWith()
                    .topic(topic)
                    .payload(payload)
                    .qos(qos)
                    .retain(retain)
                    .send()
                    .thenApply(p -> null);
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return client.disconnect();
        }
    }
}
