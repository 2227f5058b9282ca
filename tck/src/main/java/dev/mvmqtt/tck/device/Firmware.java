package dev.mvmqtt.tck.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MicrovisorProvider;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvChannelType;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.spec.api.notify.NotificationRing;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.MqttVersion;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The TCK playing the firmware: a fresh device from the implementation under test, one notification
 * centre read exactly as firmware reads it (the IRQ handler drains the ring), one network, and the
 * request/response round trips the tests repeat. Every wait is event-driven (a notification, or a
 * deadline scaled by the timeout factor); nothing sleeps.
 *
 * <p>Use one per test, in try-with-resources: {@link #close()} closes the device.
 */
public final class Firmware implements AutoCloseable {
    /** The irq the TCK's notification centre pends. */
    public static final int IRQ = 33;
    /** Tag the TCK uses for its network's notifications. */
    public static final int NETWORK_TAG = 0x4e4554;
    /** Tag the TCK uses for its channels' notifications. */
    public static final int CHANNEL_TAG = 0x43484e;
    /** Slots in the TCK's notification ring. */
    public static final int RING_SLOTS = 128;
    /** Base time for an answer from a broker; scaled by {@code mvmqtt.timeoutFactor}. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final MicrovisorProvider provider;
    private final Microvisor mv;
    private final TckSettings settings;
    private final ByteBuffer ring;
    private final NotificationRing reader;
    private final LinkedBlockingQueue<NotificationRecord> pending = new LinkedBlockingQueue<>();
    private final List<NotificationRecord> seen = Collections.synchronizedList(new ArrayList<>());
    private final int notifications;
    private final int network;
    /** Connections made by {@link #connected(TckTarget)}, so that each gets a client id of its own. */
    private final AtomicInteger connections = new AtomicInteger();

    private Firmware(TckSettings settings, boolean withNetwork) {
        this.settings = settings;
        this.provider = settings.provider();
        this.mv = provider.create();
        this.ring = ByteBuffer.allocateDirect(RING_SLOTS * NotificationRecord.SIZE);
        this.reader = new NotificationRing(ring, ring.capacity());
        mv.registerIrqHandler(IRQ, irq -> drainRing());
        U32Ref h = new U32Ref();
        MvStatus status = mv.mvSetupNotifications(MvNotificationSetup.of(IRQ, ring), h);
        if (status != MvStatus.OKAY) {
            mv.close();
            fail("mvSetupNotifications with a valid 2 KiB ring answered " + status);
        }
        notifications = h.get();
        if (withNetwork) {
            U32Ref n = new U32Ref();
            status = mv.mvRequestNetwork(MvRequestNetworkParams.v1(notifications, NETWORK_TAG), n);
            if (status != MvStatus.OKAY) {
                mv.close();
                fail("mvRequestNetwork with valid params answered " + status);
            }
            network = n.get();
        } else {
            network = 0;
        }
    }

    /** A device with a notification centre and a network. */
    public static Firmware start(TckSettings settings) {
        return new Firmware(settings, true);
    }

    /** A device with a notification centre and a network, for a target test. */
    public static Firmware start(TckTarget target) {
        return new Firmware(target.settings(), true);
    }

    /** The bare device, for tests of the set-up calls themselves; the TCK's centre is set up, nothing else. */
    public static Firmware bare(TckSettings settings) {
        return new Firmware(settings, false);
    }

    private void drainRing() {
        synchronized (reader) {
            for (NotificationRecord r : reader.drain()) {
                seen.add(r);
                pending.add(r);
            }
        }
    }

    public Microvisor mv() {
        return mv;
    }

    public MicrovisorProvider provider() {
        return provider;
    }

    public int notificationHandle() {
        return notifications;
    }

    public int networkHandle() {
        return network;
    }

    public ByteBuffer ring() {
        return ring;
    }

    public Duration timeout() {
        return settings.timeout(ANSWER_TIMEOUT);
    }

    /** Every record read from the ring so far, in ring order. */
    public List<NotificationRecord> recordsSeen() {
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }

    // ---- Memory --------------------------------------------------------------------------------

    /** A direct buffer of {@code size} bytes at a 512-byte aligned address (as {@code __attribute__((aligned(512)))}). */
    public static ByteBuffer aligned(int size) {
        return alignedAt(size, 0);
    }

    /** A direct buffer of {@code size} bytes whose address is {@code offset} bytes past a 512-byte boundary. */
    public static ByteBuffer alignedAt(int size, int offset) {
        ByteBuffer raw = ByteBuffer.allocateDirect(size + 1024);
        int skip = (512 - raw.alignmentOffset(0, 512)) % 512 + offset;
        return raw.position(skip).limit(skip + size).slice();
    }

    // ---- Channels ------------------------------------------------------------------------------

    /** Valid MQTT channel params: 512-aligned buffers, rx {@code rxSize} bytes, tx 1024, empty endpoint. */
    public MvOpenChannelParams.Builder channelParams(int rxSize) {
        return MvOpenChannelParams.builder()
                .notificationHandle(notifications)
                .notificationTag(CHANNEL_TAG)
                .networkHandle(network)
                .receiveBuffer(aligned(rxSize))
                .sendBuffer(aligned(1024))
                .channelType(MvChannelType.MQTT);
    }

    public int openChannel() {
        return openChannel(2048);
    }

    /** Opens an MQTT channel with a receive buffer of {@code rxSize} bytes; fails the test unless OKAY. */
    public int openChannel(int rxSize) {
        U32Ref ch = new U32Ref();
        assertThat(mv.mvOpenChannel(channelParams(rxSize).build(), ch))
                .as("mvOpenChannel with valid params")
                .isEqualTo(MvStatus.OKAY);
        assertThat(ch.get()).as("channel handle").isNotZero();
        return ch.get();
    }

    public MvStatus closeChannel(int channel) {
        return mv.mvCloseChannel(new U32Ref(channel));
    }

    // ---- Notifications -------------------------------------------------------------------------

    /** The next record from the ring, or fails the test after the timeout. */
    public NotificationRecord awaitRecord() {
        try {
            NotificationRecord r = pending.poll(timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                fail("no notification within " + timeout());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for a record of this type, passing over others (kept in {@link #recordsSeen()}). */
    public NotificationRecord awaitRecord(MvEventType type) {
        long deadline = System.nanoTime() + timeout().toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                NotificationRecord r = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                if (r == null) {
                    fail("no " + type.name() + " notification within " + timeout() + "; records seen: "
                            + recordsSeen());
                }
                if (r.eventType() == type.code()) {
                    return r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A record that arrives within {@code window}, or null: for checks that something does not happen. */
    public NotificationRecord pollRecord(Duration window) {
        try {
            return pending.poll(window.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The data type waiting next on a channel; fails unless the call answers OKAY. */
    public MvMqttReadableDataType nextReadable(int channel) {
        U32Ref type = new U32Ref(-1);
        assertThat(mv.mvMqttGetNextReadableDataType(channel, type))
                .as("mvMqttGetNextReadableDataType")
                .isEqualTo(MvStatus.OKAY);
        return MvMqttReadableDataType.of(type.get());
    }

    /**
     * Waits, notification by notification, until {@code wanted} is the next readable type. Any other
     * type in front of it fails the test (the test should read what it expects in order).
     */
    public void awaitReadable(int channel, MvMqttReadableDataType wanted) {
        MvMqttReadableDataType next = awaitItem(channel, wanted.name());
        if (!next.equals(wanted)) {
            fail("waiting for " + wanted.name() + " on channel " + channel + ", the next readable item is "
                    + next.name() + "; records seen: " + recordsSeen());
        }
    }

    /**
     * Waits until the channel has a readable item, whatever it is, and answers its type (never NONE). A record may
     * announce an item already read (the IRQ can come after the read), so the wait is on the channel, not on a
     * record.
     */
    public MvMqttReadableDataType awaitAnyReadable(int channel) {
        return awaitItem(channel, "readable item");
    }

    private MvMqttReadableDataType awaitItem(int channel, String what) {
        long deadline = System.nanoTime() + timeout().toNanos();
        while (true) {
            MvMqttReadableDataType next = nextReadable(channel);
            if (!next.equals(MvMqttReadableDataType.NONE)) {
                return next;
            }
            long left = deadline - System.nanoTime();
            try {
                NotificationRecord r = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                if (r == null) {
                    fail("no " + what + " on the channel within " + timeout() + "; records seen: " + recordsSeen());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    // ---- MQTT round trips ----------------------------------------------------------------------

    /**
     * A valid connect request for the target: its host, port, version, TLS trust anchor; clean start; the broker's
     * credentials when it refuses anonymous clients.
     */
    public static MvMqttConnectRequest.Builder connectRequest(TckTarget target, String clientId) {
        MvMqttConnectRequest.Builder b = MvMqttConnectRequest.builder()
                .protocolVersion(
                        target.version() == MqttVersion.V5 ? MvMqttProtocolVersion.V5 : MvMqttProtocolVersion.V3_1_1)
                .host(target.host())
                .port(target.port())
                .clientId(clientId)
                .keepalive(30)
                .cleanStart(true);
        if (target.isTls()) {
            b.tlsCredentials(
                    MvTlsCredentials.serverOnly(MvTlsCertificateChain.ofDer(List.of(target.caCertificateDer()))));
        }
        if (!target.anonymousAccepted()) {
            // a broker that refuses anonymous clients: the device must send what it accepts, as real firmware would
            b.authentication(MvMqttAuthentication.usernamePassword(
                    target.credentials().username(), target.credentials().password()));
        }
        return b;
    }

    /** Issues the connect and reads its response; the status must be OKAY. */
    public MvMqttConnectResponse connect(int channel, MvMqttConnectRequest request) {
        assertThat(mv.mvMqttRequestConnect(channel, request))
                .as("mvMqttRequestConnect")
                .isEqualTo(MvStatus.OKAY);
        awaitReadable(channel, MvMqttReadableDataType.CONNECTRESPONSE);
        MvMqttConnectResponse response = new MvMqttConnectResponse();
        assertThat(mv.mvMqttReadConnectResponse(channel, response))
                .as("mvMqttReadConnectResponse")
                .isEqualTo(MvStatus.OKAY);
        return response;
    }

    /**
     * Opens a channel and connects it to the target with a client id no other connection of the test uses; fails
     * unless connected. A shared id would make every second connection a session takeover at the broker, and an
     * MQTT 5 broker may then end one of the two with DISCONNECT 0x8E, which no test asking for a plain connection
     * means to exercise (tests of takeover name their client ids themselves).
     */
    public int connected(TckTarget target) {
        String name = "device" + connections.incrementAndGet();
        return connected(
                target, connectRequest(target, target.uniqueClientId(name)).build());
    }

    /** Opens a channel and connects with this request; fails unless REQUESTCOMPLETED. */
    public int connected(TckTarget target, MvMqttConnectRequest request) {
        int channel = openChannel();
        MvMqttConnectResponse response = connect(channel, request);
        assertThat(response.state())
                .as("connect response for %s", target)
                .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat(response.reasonCode).as("connect reason code").isZero();
        return channel;
    }

    public MvMqttSubscribeResponse subscribe(int channel, MvMqttSubscribeRequest request) {
        assertThat(mv.mvMqttRequestSubscribe(channel, request))
                .as("mvMqttRequestSubscribe")
                .isEqualTo(MvStatus.OKAY);
        awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
        MvMqttSubscribeResponse response = MvMqttSubscribeResponse.withRoomFor(8);
        assertThat(mv.mvMqttReadSubscribeResponse(channel, response))
                .as("mvMqttReadSubscribeResponse")
                .isEqualTo(MvStatus.OKAY);
        return response;
    }

    /** Subscribes to one topic and checks the subscription was granted. */
    public void subscribed(int channel, String topic, int qos) {
        MvMqttSubscribeResponse r =
                subscribe(channel, MvMqttSubscribeRequest.of(0x5eb, MvMqttSubscription.of(topic, qos)));
        assertThat(r.state()).as("subscribe response").isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat(r.writtenReasonCodes()).as("granted").hasSize(1);
        assertThat(r.writtenReasonCodes()[0]).as("granted QoS code").isBetween(0, 1);
    }

    public MvMqttUnsubscribeResponse unsubscribe(int channel, MvMqttUnsubscribeRequest request) {
        assertThat(mv.mvMqttRequestUnsubscribe(channel, request))
                .as("mvMqttRequestUnsubscribe")
                .isEqualTo(MvStatus.OKAY);
        awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
        MvMqttUnsubscribeResponse response = MvMqttUnsubscribeResponse.withRoomFor(8);
        assertThat(mv.mvMqttReadUnsubscribeResponse(channel, response))
                .as("mvMqttReadUnsubscribeResponse")
                .isEqualTo(MvStatus.OKAY);
        return response;
    }

    public MvMqttPublishResponse publish(int channel, MvMqttPublishRequest request) {
        assertThat(mv.mvMqttRequestPublish(channel, request))
                .as("mvMqttRequestPublish")
                .isEqualTo(MvStatus.OKAY);
        awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
        MvMqttPublishResponse response = new MvMqttPublishResponse();
        assertThat(mv.mvMqttReadPublishResponse(channel, response))
                .as("mvMqttReadPublishResponse")
                .isEqualTo(MvStatus.OKAY);
        return response;
    }

    /** Waits for a message and receives it into buffers of these sizes. */
    public MvMqttMessage receive(int channel, int topicSize, int payloadSize) {
        awaitReadable(channel, MvMqttReadableDataType.MESSAGERECEIVED);
        MvMqttMessage message = MvMqttMessage.allocate(topicSize, payloadSize);
        assertThat(mv.mvMqttReceiveMessage(channel, message))
                .as("mvMqttReceiveMessage")
                .isEqualTo(MvStatus.OKAY);
        return message;
    }

    public MvMqttMessage receive(int channel) {
        return receive(channel, 1024, 4096);
    }

    public MvMqttDisconnectResponse disconnect(int channel) {
        assertThat(mv.mvMqttRequestDisconnect(channel))
                .as("mvMqttRequestDisconnect")
                .isEqualTo(MvStatus.OKAY);
        awaitReadable(channel, MvMqttReadableDataType.DISCONNECTRESPONSE);
        MvMqttDisconnectResponse response = new MvMqttDisconnectResponse();
        assertThat(mv.mvMqttReadDisconnectResponse(channel, response))
                .as("mvMqttReadDisconnectResponse")
                .isEqualTo(MvStatus.OKAY);
        return response;
    }

    @Override
    public void close() {
        mv.close();
    }
}
