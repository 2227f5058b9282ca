package dev.mvmqtt.reference.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.reference.ReferenceMicrovisor;
import dev.mvmqtt.reference.ReferencePolicy;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvChannelType;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import dev.mvmqtt.spec.api.notify.NotificationRing;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays the firmware for the reference's own tests: one notification centre whose IRQ handler
 * drains the ring into a queue, one network, and helpers to open channels and wait for records.
 */
public final class Device implements AutoCloseable {
    public static final int IRQ = 7;
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    public final ReferenceMicrovisor mv;
    public final int notifications;
    public final int network;
    private final ByteBuffer ring = ByteBuffer.allocateDirect(16 * 64);
    private final NotificationRing reader = new NotificationRing(ring, ring.capacity());
    private final LinkedBlockingQueue<NotificationRecord> records = new LinkedBlockingQueue<>();

    public Device() {
        this(ReferencePolicy.defaults());
    }

    public Device(ReferencePolicy policy) {
        mv = new ReferenceMicrovisor(policy);
        mv.registerIrqHandler(IRQ, irq -> {
            synchronized (reader) {
                records.addAll(reader.drain());
            }
        });
        U32Ref h = new U32Ref();
        assertThat(mv.mvSetupNotifications(MvNotificationSetup.of(IRQ, ring), h))
                .isEqualTo(MvStatus.OKAY);
        notifications = h.get();
        U32Ref n = new U32Ref();
        assertThat(mv.mvRequestNetwork(MvRequestNetworkParams.v1(notifications, 1), n))
                .isEqualTo(MvStatus.OKAY);
        network = n.get();
    }

    /** A direct buffer of {@code size} bytes whose address is 512-byte aligned. */
    public static ByteBuffer aligned(int size) {
        ByteBuffer raw = ByteBuffer.allocateDirect(size + 512);
        int skip = (512 - raw.alignmentOffset(0, 512)) % 512;
        return raw.position(skip).limit(skip + size).slice();
    }

    public MvOpenChannelParams.Builder channelParams(int rxSize) {
        return MvOpenChannelParams.builder()
                .notificationHandle(notifications)
                .notificationTag(42)
                .networkHandle(network)
                .receiveBuffer(aligned(rxSize))
                .sendBuffer(aligned(1024))
                .channelType(MvChannelType.MQTT);
    }

    public int openChannel() {
        return openChannel(2048);
    }

    public int openChannel(int rxSize) {
        U32Ref ch = new U32Ref();
        assertThat(mv.mvOpenChannel(channelParams(rxSize).build(), ch)).isEqualTo(MvStatus.OKAY);
        return ch.get();
    }

    /** The next record, waiting up to the timeout; fails the test when none comes. */
    public NotificationRecord awaitRecord(MvEventType type) throws InterruptedException {
        NotificationRecord r = records.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r).as("a %s notification within %s", type.name(), TIMEOUT).isNotNull();
        assertThat(r.type()).isEqualTo(type);
        return r;
    }

    /** Waits for CHANNELDATAREADABLE records until the channel has {@code wanted} next. */
    public void awaitReadable(int channel, MvMqttReadableDataType wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            U32Ref type = new U32Ref();
            assertThat(mv.mvMqttGetNextReadableDataType(channel, type)).isEqualTo(MvStatus.OKAY);
            if (type.get() == wanted.code()) {
                return;
            }
            assertThat(type.get()).as("next readable type").isEqualTo(MvMqttReadableDataType.NONE.code());
            long left = deadline - System.nanoTime();
            assertThat(left).as("waiting for %s", wanted.name()).isPositive();
            NotificationRecord r = records.poll(left, TimeUnit.NANOSECONDS);
            assertThat(r)
                    .as("a notification while waiting for %s", wanted.name())
                    .isNotNull();
        }
    }

    public int pendingRecords() {
        return records.size();
    }

    public NotificationRecord pollRecord(Duration wait) throws InterruptedException {
        return records.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        mv.close();
    }
}
