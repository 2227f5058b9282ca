package dev.mvmqtt.tck.broker;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ObserverException;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * The soak benchmark, not a test (nothing runs it in {@code ./mvnw verify}): a fleet of reference devices in this
 * JVM, each with a persistent MQTT 3.1.1 session (clean session 0) on a local mosquitto that saves its sessions
 * on shutdown, receiving numbered QoS 1 messages while the benchmark cuts the devices' network and restarts the
 * broker, for a bounded time. It counts messages lost (PUBACKed to the publisher, never received), duplicated
 * (received twice), redelivered after an acknowledgement answered OKAY, and the threads and descriptors left after
 * every device closed.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests &amp;&amp; ./mvnw -B -q -pl tck test-compile
 * ./mvnw -B -q -pl tck exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath dev.mvmqtt.tck.broker.SoakBenchmark 200 120"   # devices, seconds of disruption
 * </pre>
 *
 * <p>It runs in its own JVM (exec:exec), which it ends with an exit once it has printed its figures (after up to
 * 60 s of draining): the MQTT client's event loop threads are not daemons and may outlive the clients. Under
 * exec:java, in Maven's own JVM, it does not exit (that would end Maven) and Maven waits for those threads.
 *
 * <p>A network cut takes a random quarter of the fleet's links down and up every 10 s; the broker is stopped
 * (SIGTERM, so it saves its sessions) and started again on the same ports every 30 s. The publisher sends one
 * numbered message to every device each second, once every device has subscribed; a message counts as published
 * only when the broker PUBACKed it.
 * <pre>
 * </pre>
 */
public final class SoakBenchmark {
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final int NETWORK_CUT_EVERY_S = 10;
    private static final int BROKER_RESTART_EVERY_S = 30;

    private final int devices;
    private final Duration runFor;
    private final TckSettings settings =
            TckSettings.builder().implementation("reference").build();
    private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    private final Ledger ledger = new Ledger(() -> this.brokerRestarts.get());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private final AtomicInteger networkCuts = new AtomicInteger();
    private final AtomicInteger brokerRestarts = new AtomicInteger();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong lostOnDevice = new AtomicLong();
    private final List<Fleet> fleet = new ArrayList<>();
    private final ConcurrentHashMap<String, Integer> outcomes = new ConcurrentHashMap<>();
    /** Counted down by each device's first completed subscribe: before it the device has no session to queue into. */
    private final CountDownLatch subscribed;

    private final Path data;
    private final int[] ports;
    private volatile MosquittoProcess broker;

    private SoakBenchmark(int devices, Duration runFor) throws Exception {
        this.devices = devices;
        this.runFor = runFor;
        this.subscribed = new CountDownLatch(devices);
        this.data = Files.createTempDirectory("mvmqtt-soak-");
        this.ports = LocalFiles.freePorts(3);
        this.broker = startBroker();
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        new SoakBenchmark(devices, Duration.ofSeconds(seconds)).run();
        // The MQTT client's shared event loop threads are not daemons and can outlive every client (see "threads
        // after"), so the benchmark's own JVM ends with an exit. Inside Maven's JVM (exec:java) an exit would end
        // Maven too, and exec:java waits for those threads: say so and return instead.
        if (System.getProperty("maven.home") == null) {
            System.exit(0);
        }
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().startsWith("com.hivemq.client"))
                .forEach(t -> System.out.println("soak: still running, keeping this JVM: " + t.getName()));
        System.out.println(
                "soak: run it in its own JVM (exec:exec, as the class comment shows) to have it end by itself");
    }

    private MosquittoProcess startBroker() throws BrokerStartException {
        return MosquittoProcess.start(
                TlsMaterial.shared(), Credentials.local(), Duration.ofSeconds(30), true, ports, data);
    }

    private String topic(int device) {
        return "soak/" + run + "/" + device;
    }

    private void run() throws Exception {
        // warm the shared pieces (HiveMQ client event loops, TLS material) so they are not counted as leaks
        try (Observer o = Observer.builder(LocalFiles.LOOPBACK, ports[0], MqttVersion.V3_1_1)
                .connect()) {
            o.subscribe("soak/warm", 1);
        }
        int threadsBefore = Thread.activeCount();
        long fdsBefore = openDescriptors();
        long started = System.nanoTime();

        for (int i = 0; i < devices; i++) {
            Fleet d = new Fleet(i);
            fleet.add(d);
            d.thread.start();
        }
        Thread publisher = new Thread(this::publish, "soak-publisher");
        publisher.start();
        ScheduledExecutorService disruptions = Executors.newSingleThreadScheduledExecutor();
        Random random = new Random(42);
        disruptions.scheduleWithFixedDelay(
                () -> cutNetworks(random), NETWORK_CUT_EVERY_S, NETWORK_CUT_EVERY_S, TimeUnit.SECONDS);
        disruptions.scheduleWithFixedDelay(
                this::restartBroker, BROKER_RESTART_EVERY_S, BROKER_RESTART_EVERY_S, TimeUnit.SECONDS);

        ledger.awaitQuiet(runFor);
        disruptions.shutdown();
        disruptions.awaitTermination(60, TimeUnit.SECONDS);
        publishing.set(false);
        publisher.join();
        fleet.forEach(d -> d.link().ifPresent(NetworkLink::up));
        long drainStart = System.nanoTime();
        boolean drained = ledger.awaitAllReceived(DRAIN);
        long drainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart);
        stop.set(true);
        for (Fleet d : fleet) {
            d.thread.join();
        }
        broker.close();
        System.gc();
        int threadsAfter = Thread.activeCount();
        long fdsAtOnce = openDescriptors();
        // A device closes its sockets asynchronously (the relay waits for the broker's end of a dropped connection,
        // at most 2 s): what is still open once that is over is what stays.
        long settleStart = System.nanoTime();
        long settleDeadline = settleStart + TimeUnit.SECONDS.toNanos(10);
        while (openDescriptors() > fdsBefore && System.nanoTime() < settleDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        long fdsAfter = openDescriptors();
        long settleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleStart);

        Ledger.Counts c = ledger.counts();
        System.out.printf(
                "soak: %d devices, %d s of disruption (%d network cuts of a quarter of the fleet, %d broker restarts),"
                        + " drain %s in %d ms, total %d s%n",
                devices,
                runFor.toSeconds(),
                networkCuts.get(),
                brokerRestarts.get(),
                drained ? "complete" : "INCOMPLETE",
                drainMs,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        System.out.printf(
                "soak: published (PUBACKed) %d, received %d, lost %d, duplicated %d, redelivered after an OKAY ack %d"
                        + " (%d of them across a broker restart), MESSAGELOST records %d, device reconnects %d%n",
                c.published(),
                c.received(),
                c.lost(),
                c.duplicated(),
                c.redeliveredAfterAck(),
                c.acrossRestart(),
                lostOnDevice.get(),
                reconnects.get());
        System.out.println("soak: connect outcomes " + outcomes + "; first lost (seq*100000+device): "
                + ledger.firstLost(10) + "; last published seq " + ledger.lastSeq());
        System.out.printf(
                "soak: threads %d before, %d after; descriptors %d before, %d right after the fleet closed, %d"
                        + " after %d ms more%n",
                threadsBefore, threadsAfter, fdsBefore, fdsAtOnce, fdsAfter, settleMs);
        deleteTree(data);
    }

    private static long openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static void deleteTree(Path dir) {
        LocalFiles.deleteTree(dir);
    }

    // ----- disruptions

    private void cutNetworks(Random random) {
        List<NetworkLink> cut = new ArrayList<>();
        for (Fleet d : fleet) {
            if (random.nextInt(4) == 0) {
                d.link().ifPresent(l -> {
                    l.down();
                    cut.add(l);
                });
            }
        }
        networkCuts.incrementAndGet();
        // the devices see NETWORKSTATUSCHANGED and their channels close; the link comes back at once
        cut.forEach(NetworkLink::up);
    }

    private void restartBroker() {
        try {
            broker.close(); // SIGTERM: mosquitto saves its sessions and queued messages to the persistence folder
            broker = startBroker();
            brokerRestarts.incrementAndGet();
        } catch (BrokerStartException e) {
            System.err.println("soak: broker restart failed: " + e.getMessage());
            stop.set(true);
        }
    }

    // ----- the cloud side

    private void publish() {
        long seq = 0;
        Observer o = null;
        try {
            if (!subscribed.await(120, TimeUnit.SECONDS)) {
                System.err.println("soak: " + subscribed.getCount() + " devices never subscribed; publishing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (publishing.get()) {
            try {
                if (o == null) {
                    o = Observer.builder(LocalFiles.LOOPBACK, ports[0], MqttVersion.V3_1_1)
                            .timeout(Duration.ofSeconds(5))
                            .connect();
                }
                seq++;
                for (int d = 0; d < devices && publishing.get(); d++) {
                    o.publish(topic(d), Long.toString(seq).getBytes(StandardCharsets.US_ASCII), 1, false);
                    ledger.published(d, seq);
                }
                ledger.awaitQuiet(Duration.ofSeconds(1)); // one round a second: 'devices' messages a second
            } catch (ObserverException e) {
                // the broker is restarting: a publish without its PUBACK is not counted as published
                if (o != null) {
                    o.close();
                    o = null;
                }
                ledger.awaitQuiet(Duration.ofMillis(200));
            }
        }
        if (o != null) {
            o.close();
        }
    }

    // ----- one device, as firmware would drive it

    private final class Fleet {
        private final int id;
        private final Thread thread;
        private volatile Firmware fw;
        private boolean subscribedOnce;

        Fleet(int id) {
            this.id = id;
            this.thread = new Thread(this::loop, "soak-device-" + id);
        }

        Optional<NetworkLink> link() {
            Firmware f = fw;
            return f == null ? Optional.empty() : f.mv().networkLink();
        }

        private void loop() {
            try (Firmware f = Firmware.start(settings)) {
                fw = f;
                Microvisor mv = f.mv();
                int channel = 0;
                while (!stop.get()) {
                    if (channel == 0) {
                        channel = openAndConnect(f, mv);
                        if (channel == 0) {
                            f.pollRecord(Duration.ofMillis(250)); // network down or rate limited: wait for news
                            continue;
                        }
                    }
                    f.pollRecord(Duration.ofMillis(500));
                    if (!drain(mv, channel)) {
                        mv.mvCloseChannel(new U32Ref(channel));
                        channel = 0;
                    }
                }
                if (channel != 0) {
                    mv.mvMqttRequestDisconnect(channel);
                    mv.mvCloseChannel(new U32Ref(channel));
                }
            } catch (RuntimeException | Error e) {
                System.err.println("soak: device " + id + " stopped: " + e);
            }
        }

        private int openAndConnect(Firmware f, Microvisor mv) {
            U32Ref ch = new U32Ref();
            if (mv.mvOpenChannel(f.channelParams(4096).build(), ch) != MvStatus.OKAY) {
                return 0;
            }
            MvMqttConnectRequest request = MvMqttConnectRequest.builder()
                    .protocolVersion(MvMqttProtocolVersion.V3_1_1)
                    .host(LocalFiles.LOOPBACK)
                    .port(ports[0])
                    .clientId("soak" + run + "d" + id)
                    .keepalive(30)
                    .cleanStart(false)
                    .build();
            if (mv.mvMqttRequestConnect(ch.get(), request) != MvStatus.OKAY) {
                mv.mvCloseChannel(ch);
                return 0;
            }
            reconnects.incrementAndGet();
            return ch.get();
        }

        /** Reads everything waiting; false when the channel is closed (to be replaced). */
        private boolean drain(Microvisor mv, int channel) {
            while (true) {
                U32Ref type = new U32Ref();
                if (mv.mvMqttGetNextReadableDataType(channel, type) != MvStatus.OKAY) {
                    return false;
                }
                MvMqttReadableDataType t = MvMqttReadableDataType.of(type.get());
                if (t == MvMqttReadableDataType.NONE) {
                    return true;
                }
                if (t == MvMqttReadableDataType.CONNECTRESPONSE) {
                    MvMqttConnectResponse r = new MvMqttConnectResponse();
                    mv.mvMqttReadConnectResponse(channel, r);
                    outcomes.merge(String.valueOf(r.state()), 1, Integer::sum);
                    if (r.state() != MvMqttRequestState.REQUESTCOMPLETED) {
                        return false;
                    }
                    // the session keeps the subscription; subscribing again is harmless and covers a lost session
                    mv.mvMqttRequestSubscribe(
                            channel,
                            new MvMqttSubscribeRequest(
                                    1, List.of(new MvMqttSubscription(MvSizedString.of(topic(id)), 1, 0, 0, 0)), 1));
                } else if (t == MvMqttReadableDataType.MESSAGERECEIVED) {
                    MvMqttMessage m = MvMqttMessage.allocate(128, 64);
                    if (mv.mvMqttReceiveMessage(channel, m) != MvStatus.OKAY) {
                        return false;
                    }
                    long seq = Long.parseLong(new String(m.payload().written(), StandardCharsets.US_ASCII));
                    ledger.received(id, seq);
                    if (mv.mvMqttAcknowledgeMessage(channel, m.correlationId().get()) == MvStatus.OKAY) {
                        ledger.acknowledged(id, seq);
                    }
                } else if (t == MvMqttReadableDataType.MESSAGELOST) {
                    mv.mvMqttReceiveLostMessageInfo(channel, MvMqttLostMessageInfo.allocate(128));
                    lostOnDevice.incrementAndGet();
                } else if (t == MvMqttReadableDataType.SUBSCRIBERESPONSE) {
                    MvMqttSubscribeResponse r = MvMqttSubscribeResponse.withRoomFor(4);
                    if (mv.mvMqttReadSubscribeResponse(channel, r) == MvStatus.OKAY
                            && r.state() == MvMqttRequestState.REQUESTCOMPLETED
                            && !subscribedOnce) {
                        subscribedOnce = true;
                        subscribed.countDown();
                    }
                } else if (t == MvMqttReadableDataType.UNSUBSCRIBERESPONSE) {
                    mv.mvMqttReadUnsubscribeResponse(channel, MvMqttUnsubscribeResponse.withRoomFor(4));
                } else if (t == MvMqttReadableDataType.PUBLISHRESPONSE) {
                    mv.mvMqttReadPublishResponse(channel, new MvMqttPublishResponse());
                } else {
                    mv.mvMqttReadDisconnectResponse(channel, new MvMqttDisconnectResponse());
                }
            }
        }
    }

    // ----- the books

    /** What was published, received and acknowledged, per device and sequence number. Thread-safe. */
    private static final class Ledger {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final ConcurrentHashMap<Long, Integer> receivedCount = new ConcurrentHashMap<>();
        /** Acknowledged (OKAY) messages, with the number of broker restarts at the time. */
        private final ConcurrentHashMap<Long, Integer> acked = new ConcurrentHashMap<>();

        private final ConcurrentHashMap<Long, Boolean> published = new ConcurrentHashMap<>();
        private final AtomicLong duplicated = new AtomicLong();
        private final AtomicLong redeliveredAfterAck = new AtomicLong();
        private final AtomicLong redeliveredAfterAckAcrossRestart = new AtomicLong();
        private final IntSupplier brokerRestarts;

        Ledger(IntSupplier brokerRestarts) {
            this.brokerRestarts = brokerRestarts;
        }

        /** {@code acrossRestart}: those of {@code redeliveredAfterAck} with a broker restart between acknowledgement and redelivery. */
        record Counts(
                long published,
                long received,
                long lost,
                long duplicated,
                long redeliveredAfterAck,
                long acrossRestart) {}

        private static long key(int device, long seq) {
            return seq * 100_000L + device;
        }

        void published(int device, long seq) {
            published.put(key(device, seq), Boolean.TRUE);
        }

        void received(int device, long seq) {
            long k = key(device, seq);
            int n = receivedCount.merge(k, 1, Integer::sum);
            if (n > 1) {
                duplicated.incrementAndGet();
                Integer restartsAtAck = acked.get(k);
                if (restartsAtAck != null) {
                    redeliveredAfterAck.incrementAndGet();
                    if (brokerRestarts.getAsInt() > restartsAtAck) {
                        // The broker may have been stopped before it read the PUBACK: OKAY cannot cover that
                        // (ACK-REF-3).
                        redeliveredAfterAckAcrossRestart.incrementAndGet();
                    }
                }
            }
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void acknowledged(int device, long seq) {
            acked.put(key(device, seq), brokerRestarts.getAsInt());
        }

        /** Waits, waking on every receipt, until every published message was received or the time is up. */
        boolean awaitAllReceived(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                while (!receivedCount.keySet().containsAll(published.keySet())) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        /** A timed wait that nothing signals: the pacing of the publisher and of the run itself. */
        void awaitQuiet(Duration d) {
            ReentrantLock own = new ReentrantLock();
            own.lock();
            try {
                own.newCondition().awaitNanos(d.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                own.unlock();
            }
        }

        List<Long> firstLost(int n) {
            return published.keySet().stream()
                    .filter(k -> !receivedCount.containsKey(k))
                    .sorted()
                    .limit(n)
                    .toList();
        }

        long lastSeq() {
            return published.keySet().stream()
                    .mapToLong(k -> k / 100_000L)
                    .max()
                    .orElse(0);
        }

        Counts counts() {
            long lost = published.keySet().stream()
                    .filter(k -> !receivedCount.containsKey(k))
                    .count();
            return new Counts(
                    published.size(),
                    receivedCount.size(),
                    lost,
                    duplicated.get(),
                    redeliveredAfterAck.get(),
                    redeliveredAfterAckAcrossRestart.get());
        }
    }
}
