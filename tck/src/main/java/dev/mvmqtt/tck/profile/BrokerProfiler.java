package dev.mvmqtt.tck.profile;

import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mvmqtt.tck.broker.Credentials;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ObserverException;
import dev.mvmqtt.tck.observer.ReceivedMessage;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;

/**
 * Asks one target's broker, with the kit's observer only (no device), the questions MQTT lets brokers answer
 * differently, and writes down what each did. Each question is independent: one that fails is recorded as
 * {@code failed: ...} and the others still run.
 */
public final class BrokerProfiler {
    /** Every question, by key, in the order of the profile. */
    public static final Map<String, String> QUESTIONS = questions();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int WILL_TRIES = 20;
    /** How long a second delivery is waited for while the first is unacknowledged. */
    static final Duration FLOW_WINDOW = Duration.ofMillis(500);

    private static final byte[] PAYLOAD = "mvmqtt profile".getBytes(StandardCharsets.UTF_8);

    private BrokerProfiler() {}

    private static Map<String, String> questions() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put(
                "pubackNoSubscribers",
                "PUBACK reason code for a QoS 1 publish nobody subscribed to (MQTT 5: 0x00 or 0x10)");
        q.put("subackGranted", "QoS granted for a subscription asking QoS 0, 1, 2");
        q.put("maximumQos", "maximum QoS it grants");
        q.put(
                "sessionPersistence",
                "session present after reconnecting without clean start (MQTT 5: session expiry 300 s)");
        q.put(
                "sessionExpiryZero",
                "session present after reconnecting without clean start when the session expiry was 0 (MQTT 5)");
        q.put("zeroLengthClientIdCleanStart", "a zero-length client id with clean start");
        q.put("zeroLengthClientIdNoCleanStart", "a zero-length client id without clean start");
        q.put("retainedDelivery", "a retained message delivered to a later subscriber");
        q.put("sessionTakeover", "how the first connection ends when a second connects with its client id");
        q.put(
                "willAfterGracefulDisconnect",
                "wills published after a graceful DISCONNECT, of " + WILL_TRIES
                        + " clients that connected with a will and disconnected at once (MQTT: none)");
        q.put("willTiming", "when a will is published after an unexpected connection loss");
        q.put("flowControl", "deliveries while a QoS 1 message to the client is unacknowledged");
        q.put(
                "clientCertificate",
                "a TLS connection without a client certificate and with the kit's client certificate (and, on an external"
                        + " broker given one, with that one)");
        return Collections.unmodifiableMap(q);
    }

    /** The profile of {@code target}'s broker. */
    public static BrokerProfile profile(TckTarget target) {
        boolean v5 = target.version() == MqttVersion.V5;
        Map<String, Function<TckTarget, String>> ask = new LinkedHashMap<>();
        ask.put("pubackNoSubscribers", t -> v5 ? pubAckNoSubscribers(t) : "n/a (an MQTT 3.1.1 PUBACK has no code)");
        ask.put("subackGranted", BrokerProfiler::subackGranted);
        ask.put("maximumQos", BrokerProfiler::maximumQos);
        ask.put("sessionPersistence", t -> sessionPresentAfterReconnect(t, Duration.ofSeconds(300)));
        ask.put(
                "sessionExpiryZero",
                t -> v5 ? sessionPresentAfterReconnect(t, Duration.ZERO) : "n/a (MQTT 3.1.1 has no session expiry)");
        ask.put("zeroLengthClientIdCleanStart", t -> zeroLengthClientId(t, true));
        ask.put("zeroLengthClientIdNoCleanStart", t -> zeroLengthClientId(t, false));
        ask.put("retainedDelivery", BrokerProfiler::retainedDelivery);
        ask.put("sessionTakeover", BrokerProfiler::sessionTakeover);
        ask.put("willAfterGracefulDisconnect", BrokerProfiler::willAfterGracefulDisconnect);
        ask.put("willTiming", BrokerProfiler::willTiming);
        ask.put("flowControl", BrokerProfiler::flowControl);
        ask.put("clientCertificate", BrokerProfiler::clientCertificate);
        List<BrokerProfile.Observation> observations = new ArrayList<>();
        for (Map.Entry<String, String> q : QUESTIONS.entrySet()) {
            String answer;
            try {
                answer = ask.get(q.getKey()).apply(target);
            } catch (RuntimeException | AssertionError e) {
                answer = "failed: " + oneLine(e.getMessage());
            }
            observations.add(new BrokerProfile.Observation(q.getKey(), q.getValue(), answer));
        }
        return new BrokerProfile(
                target.id().id(),
                target.broker().family().id() + " " + target.broker().version(),
                observations);
    }

    static String pubAckNoSubscribers(TckTarget t) {
        try (Observer o = t.observer()) {
            OptionalInt code = o.pubAckReasonCode(t.uniqueTopic("profile/nobody"), PAYLOAD);
            return code.isEmpty()
                    ? "no code"
                    : hex(code.getAsInt())
                            + (code.getAsInt() == 0x10
                                    ? " (no matching subscribers)"
                                    : code.getAsInt() == 0 ? " (success)" : "");
        }
    }

    private static OptionalInt granted(Observer o, String filter, int qos) {
        try {
            return OptionalInt.of(o.subscribe(filter, qos));
        } catch (ObserverException e) {
            return OptionalInt.empty();
        }
    }

    static String subackGranted(TckTarget t) {
        try (Observer o = t.observer()) {
            List<String> parts = new ArrayList<>();
            for (int qos = 0; qos <= 2; qos++) {
                OptionalInt g = granted(o, t.uniqueTopic("profile/sub" + qos), qos);
                parts.add(qos + "→" + (g.isPresent() ? Integer.toString(g.getAsInt()) : "refused"));
            }
            return String.join(", ", parts);
        }
    }

    static String maximumQos(TckTarget t) {
        try (Observer o = t.observer()) {
            OptionalInt g = granted(o, t.uniqueTopic("profile/max"), 2);
            return g.isPresent() ? "QoS " + g.getAsInt() : "refuses a QoS 2 subscription";
        }
    }

    static String sessionPresentAfterReconnect(TckTarget t, Duration expiry) {
        String id = t.uniqueClientId("profile-session-" + expiry.toSeconds());
        try (Observer first = t.observerBuilder()
                .clientId(id)
                .cleanStart(false)
                .sessionExpiry(expiry)
                .connect()) {
            first.subscribe(t.uniqueTopic("profile/session"), 1);
        }
        boolean present;
        try (Observer again = t.observerBuilder()
                .clientId(id)
                .cleanStart(false)
                .sessionExpiry(expiry)
                .connect()) {
            present = again.sessionPresent();
        }
        // leave nothing behind
        t.observerBuilder()
                .clientId(id)
                .cleanStart(true)
                .sessionExpiry(Duration.ZERO)
                .connect()
                .close();
        return present ? "session present" : "no session";
    }

    static String zeroLengthClientId(TckTarget t, boolean cleanStart) {
        try (Observer o = t.observerBuilder()
                .clientId("")
                .cleanStart(cleanStart)
                .sessionExpiry(Duration.ZERO)
                .connect()) {
            return "accepted";
        } catch (ObserverException e) {
            return e.reasonCode().isPresent()
                    ? "refused, CONNACK " + hex(e.reasonCode().getAsInt())
                    : "failed: " + oneLine(e.getMessage());
        }
    }

    static String retainedDelivery(TckTarget t) {
        String topic = t.uniqueTopic("profile/retained");
        try (Observer publisher = t.observer()) {
            publisher.publish(topic, PAYLOAD, 1, true);
            try (Observer later = t.observer()) {
                later.subscribe(topic, 1);
                List<ReceivedMessage> got = later.awaitMessages(1, t.timeout(WAIT));
                return got.isEmpty()
                        ? "not delivered within " + t.timeout(WAIT).toMillis() + " ms"
                        : "delivered" + (got.get(0).retain() ? ", retain flag set" : ", retain flag clear");
            } finally {
                publisher.clearRetained(topic);
            }
        }
    }

    static String sessionTakeover(TckTarget t) {
        String id = t.uniqueClientId("profile-takeover");
        try (Observer first = t.observerBuilder().clientId(id).connect()) {
            try (Observer second = t.observerBuilder().clientId(id).connect()) {
                OptionalInt code = first.awaitEndedByBroker(t.timeout(WAIT));
                return code.isPresent()
                        ? "DISCONNECT " + hex(code.getAsInt())
                                + (code.getAsInt() == 0x8E ? " (session taken over)" : "")
                        : t.version() == MqttVersion.V5
                                ? "closed without DISCONNECT"
                                : "closed (MQTT 3.1.1 has no server DISCONNECT)";
            }
        }
    }

    /**
     * A race some brokers lose: the DISCONNECT that discards the will and the connection close right behind it. Counts
     * the wills the broker published anyway, over a quiet window after the last disconnect.
     */
    static String willAfterGracefulDisconnect(TckTarget t) {
        String topic = t.uniqueTopic("profile/will");
        MqttClientTransportConfig transport = t.observerBuilder().transport();
        try (Observer o = t.observer()) {
            o.subscribe(topic + "/#", 1);
            for (int i = 0; i < WILL_TRIES; i++) {
                String id = t.uniqueClientId("profile-will-" + i);
                byte[] will = ("will " + i).getBytes(StandardCharsets.UTF_8);
                connectWithWill(t, transport, id, topic + "/" + i, will).run();
            }
            try {
                // the quiet window: more wills than clients can never arrive, so this waits the whole window
                o.awaitMessages(WILL_TRIES + 1, t.timeout(Observer.QUIET_WINDOW));
            } catch (AssertionError windowOver) {
                // expected
            }
            int published = o.messages().size();
            BrokerRaces.willsAfterGracefulDisconnect(t, published, WILL_TRIES);
            return published == 0
                    ? "none of " + WILL_TRIES
                    : published + " of " + WILL_TRIES + " (the broker lost the race against the connection close)";
        }
    }

    /**
     * A subscriber that holds back its PUBACK for a first QoS 1 message: does the broker deliver a second one meanwhile
     * (MQTT allows both, up to the client's Receive Maximum)? After the window the first is acknowledged, so a held
     * message is told apart from a lost one.
     */
    static String flowControl(TckTarget t) {
        String topic = t.uniqueTopic("profile/flow");
        BlockingQueue<Runnable> acks = new LinkedBlockingQueue<>();
        Duration window = t.timeout(FLOW_WINDOW);
        try (ManualAckSubscriber sub = ManualAckSubscriber.connect(t, topic, acks);
                Observer publisher = t.observer()) {
            publisher.publish(topic, "first".getBytes(StandardCharsets.UTF_8), 1, false);
            Runnable first = poll(acks, t.timeout(WAIT));
            if (first == null) {
                return "failed: the first QoS 1 message was not delivered within "
                        + t.timeout(WAIT).toMillis() + " ms";
            }
            publisher.publish(topic, "second".getBytes(StandardCharsets.UTF_8), 1, false);
            Runnable second = poll(acks, window);
            if (second != null) {
                return "delivered while the first is unacknowledged (within " + window.toMillis() + " ms)";
            }
            first.run();
            Runnable late = poll(acks, t.timeout(WAIT));
            return late != null
                    ? "held until the first is acknowledged (not delivered within " + window.toMillis() + " ms)"
                    : "not delivered within " + window.toMillis() + " ms, nor after the first was acknowledged";
        }
    }

    private static Runnable poll(BlockingQueue<Runnable> acks, Duration within) {
        try {
            return acks.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a delivery", e);
        }
    }

    /**
     * Connects a client with a QoS 1 will (MQTT 5: will delay interval 0) through {@code transport}; returns the
     * action that disconnects it gracefully.
     */
    private static Runnable connectWithWill(
            TckTarget t, MqttClientTransportConfig transport, String id, String willTopic, byte[] will) {
        Optional<Credentials> creds =
                t.broker().credentials().filter(c -> !t.broker().anonymousAccepted());
        if (t.version() == MqttVersion.V5) {
            Mqtt5BlockingClient c = Mqtt5Client.builder()
                    .identifier(id)
                    .transportConfig(transport)
                    .buildBlocking();
            var connect = c.connectWith()
                    .willPublish()
                    .topic(willTopic)
                    .payload(will)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .delayInterval(0)
                    .applyWillPublish();
            if (creds.isPresent()) {
                connect = connect.simpleAuth()
                        .username(creds.get().username())
                        .password(creds.get().password().getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth();
            }
            connect.send();
            return c::disconnect;
        }
        Mqtt3BlockingClient c =
                Mqtt3Client.builder().identifier(id).transportConfig(transport).buildBlocking();
        var connect = c.connectWith()
                .willPublish()
                .topic(willTopic)
                .payload(will)
                .qos(MqttQos.AT_LEAST_ONCE)
                .applyWillPublish();
        if (creds.isPresent()) {
            connect = connect.simpleAuth()
                    .username(creds.get().username())
                    .password(creds.get().password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        connect.send();
        return c::disconnect;
    }

    /**
     * A client with a will whose connection is cut (an RST through a loopback relay, no DISCONNECT): how long until
     * the will reaches a subscriber.
     */
    static String willTiming(TckTarget t) {
        String topic = t.uniqueTopic("profile/will-timing");
        MqttClientTransportConfig direct = t.observerBuilder().transport();
        Duration window = t.timeout(WAIT);
        try (Observer o = t.observer();
                CuttableRelay relay = new CuttableRelay(direct.getServerAddress())) {
            o.subscribe(topic, 1);
            MqttClientTransportConfig viaRelay = direct.extend()
                    .serverAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.port()))
                    .build();
            connectWithWill(t, viaRelay, t.uniqueClientId("profile-will-timing"), topic, PAYLOAD);
            long cutAt = System.nanoTime();
            relay.cut();
            try {
                o.awaitMessages(1, window);
            } catch (AssertionError notWithinWindow) {
                return "not published within " + window.toMillis() + " ms of the cut";
            }
            return willDelay(Duration.ofNanos(System.nanoTime() - cutAt));
        }
    }

    static String clientCertificate(TckTarget t) {
        if (!t.isTls()) {
            return "n/a (plain target)";
        }
        String row = "without: " + tlsConnect(t.observerBuilder()) + "; with the kit's: "
                + tlsConnect(t.observerBuilder().clientCertificate(t.tls()));
        if (t.broker().family() != BrokerFamily.EXTERNAL
                || t.broker().clientCertificate().isEmpty()) {
            return row;
        }
        // The kit's own certificate comes from a CA made up for the run; the operator's is the one the broker trusts.
        int port = t.clientCertificateTlsPort();
        String where = port == t.port() ? "" : " (on its client-certificate listener)";
        return row + "; with the one given" + where + ": "
                + tlsConnect(t.observerBuilder(port).clientCertificate(t.clientCertificate()))
                + (port == t.port() ? "" : ", without there: " + tlsConnect(t.observerBuilder(port)));
    }

    private static String tlsConnect(Observer.Builder b) {
        try (Observer o = b.connect()) {
            return "accepted";
        } catch (ObserverException e) {
            if (e.reasonCode().isPresent()) {
                return "refused, CONNACK " + hex(e.reasonCode().getAsInt());
            }
            // The handshake's own words compare across brokers and runs; the observer's message names its client id.
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof SSLHandshakeException) {
                    return "refused in the TLS handshake (" + oneLine(c.getMessage()) + ")";
                }
            }
            return "refused (" + oneLine(e.getMessage()) + ")";
        }
    }

    /** The delay from the cut to the will, rounded for a table that compares brokers. */
    static String willDelay(Duration delay) {
        if (delay.compareTo(Duration.ofMillis(100)) < 0) {
            return "at once (< 100 ms)";
        }
        if (delay.compareTo(Duration.ofSeconds(1)) < 0) {
            return "after " + (delay.toMillis() / 100 * 100) + " ms";
        }
        return "after " + Math.round(delay.toMillis() / 1000.0) + " s";
    }

    private static String hex(int code) {
        return String.format("0x%02X", code);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
