package dev.mvmqtt.reference;

import dev.mvmqtt.reference.channel.ChannelHost;
import dev.mvmqtt.reference.channel.ChannelPolicy;
import dev.mvmqtt.reference.channel.MqttChannel;
import dev.mvmqtt.reference.device.DeviceThreads;
import dev.mvmqtt.reference.device.Handles;
import dev.mvmqtt.reference.device.Memory;
import dev.mvmqtt.reference.device.MonotonicClock;
import dev.mvmqtt.reference.device.NotificationCentre;
import dev.mvmqtt.reference.device.SerialExecutor;
import dev.mvmqtt.reference.relay.BrokerConnector;
import dev.mvmqtt.spec.api.ApplicationMemory;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvChannelType;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvNetworkStatus;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.IrqHandler;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The reference Microvisor: one device, playing both the device's system calls and the cloud relay
 * that speaks MQTT to the broker. Every call validates in the header's order and answers a status;
 * nothing throws (GEN-REF-3). One lock guards all device state; the application's IRQ handlers
 * run in the order their records were written, never under that lock, on threads every device shares
 * ({@link DeviceThreads}): a device has no thread of its own.
 */
public final class ReferenceMicrovisor implements Microvisor {
    private final ReferencePolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Handles handles = new Handles();
    private final MonotonicClock clock = new MonotonicClock();
    private final Map<Integer, IrqHandler> irqHandlers = new ConcurrentHashMap<>();
    private final List<NotificationCentre> centres = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private final List<MqttChannel> channels = new ArrayList<>();
    private final ArrayDeque<Long> recentOpenCalls = new ArrayDeque<>();
    /**
     * This device's work on the shared device threads, one task at a time: broker events (messages, answers,
     * losses) in the broker's order, and IRQ handlers in record order. One executor for both, so that the handler
     * pended by a broker event runs right after it on the same thread (after the lock is released), not after a
     * hop to another thread: on a busy machine every hop costs a scheduling delay.
     */
    private final SerialExecutor deviceWork = DeviceThreads.serial();

    private final BrokerConnector connector = new BrokerConnector(DeviceThreads.resolver(), deviceWork);
    private final Link link = new Link();
    private final ChannelHost channelHost;
    private boolean linkUp = true;
    private boolean closed;

    /** What a channel's handle stands for once mvCloseChannel closed it: only its closure reason is left. */
    private enum ClosedChannel {
        INSTANCE
    }

    /** Longer than the relay's own bound on waiting for a dropped connection's end (see {@link #setLink}). */
    private static final long LINK_DOWN_WAIT_MILLIS = 3_000;

    private static final class Network {
        final int notificationHandle;
        final int tag;

        Network(int notificationHandle, int tag) {
            this.notificationHandle = notificationHandle;
            this.tag = tag;
        }
    }

    public ReferenceMicrovisor() {
        this(ReferencePolicy.defaults());
    }

    public ReferenceMicrovisor(ReferencePolicy policy) {
        this.policy = policy;
        this.channelHost = new Host(channelPolicy(policy));
    }

    /** What a channel needs of the policy (the channel package does not see ReferencePolicy). */
    private static ChannelPolicy channelPolicy(ReferencePolicy p) {
        ChannelPolicy.WithoutTls withoutTls = switch (p.withoutTlsCredentials()) {
            case PLAIN_TCP -> ChannelPolicy.WithoutTls.PLAIN_TCP;
            case PLATFORM_TLS -> ChannelPolicy.WithoutTls.PLATFORM_TLS;
            case REFUSED -> ChannelPolicy.WithoutTls.REFUSED;
        };
        return new ChannelPolicy(
                p.maxTopicsPerRequest(),
                p.maxPublishesInFlight(),
                p.maxCertificatesPerChain(),
                p.circuitBreakerMessagesPerSecond(),
                p.receiveQueueBuffers(),
                p.sessionExpirySeconds(),
                withoutTls,
                p.platformTrust(),
                p.connectTimeoutMillis(),
                p.acknowledgeTimeoutMillis());
    }

    public ReferencePolicy policy() {
        return policy;
    }

    // ---- ChannelHost ---------------------------------------------------------------------------

    /** The device as its channels see it: the lock, the channel policy, notifications, the relay. */
    private final class Host implements ChannelHost {
        private final ChannelPolicy channelPolicy;

        Host(ChannelPolicy channelPolicy) {
            this.channelPolicy = channelPolicy;
        }

        @Override
        public ReentrantLock lock() {
            return lock;
        }

        @Override
        public ChannelPolicy policy() {
            return channelPolicy;
        }

        @Override
        public BrokerConnector connector() {
            return connector;
        }

        @Override
        public void notify(int notificationHandle, int tag, MvEventType type) {
            post(notificationHandle, tag, type);
        }
    }

    /** Posts a record to a centre (if it still exists) and pends its IRQ. Call with the lock held. */
    private void post(int notificationHandle, int tag, MvEventType type) {
        NotificationCentre centre = handles.find(notificationHandle, NotificationCentre.class);
        if (centre == null || closed) {
            return;
        }
        centre.post(clock.micros(), type, tag);
        int irq = centre.irq();
        deviceWork.execute(() -> {
            IrqHandler handler = irqHandlers.get(irq);
            if (handler != null) {
                try {
                    handler.onIrq(irq);
                } catch (RuntimeException e) {
                    // An application handler that throws must not stop later interrupts.
                }
            }
        });
    }

    /**
     * Runs a call under the lock; a bug that throws becomes INTERNALERROR, never an exception. After close() the
     * call answers INVALIDHANDLE at once: every handle is gone (GEN-REF-9; two calls answer otherwise).
     */
    private MvStatus call(Supplier<MvStatus> body) {
        return call(MvStatus.INVALIDHANDLE, body);
    }

    /** As {@link #call(Supplier)}, answering {@code whenClosed} after close(). */
    private MvStatus call(MvStatus whenClosed, Supplier<MvStatus> body) {
        lock.lock();
        try {
            if (closed) {
                return whenClosed;
            }
            return body.get();
        } catch (RuntimeException e) {
            return MvStatus.INTERNALERROR;
        } finally {
            lock.unlock();
        }
    }

    // ---- Notifications -------------------------------------------------------------------------

    @Override
    public MvStatus mvSetupNotifications(MvNotificationSetup setup, U32Ref handle) {
        return call(MvStatus.TOOMANYNOTIFICATIONBUFFERS, () -> {
            if (setup == null || handle == null || !ApplicationMemory.holds(setup.buffer(), setup.bufferSize())) {
                return MvStatus.PARAMETERFAULT;
            }
            int size = setup.bufferSize();
            if (size < 32 || size % 16 != 0) {
                return MvStatus.INVALIDBUFFERSIZE;
            }
            for (NotificationCentre c : centres) {
                if (Memory.overlaps(c.ring(), c.size(), setup.buffer(), size)) {
                    return MvStatus.BUFFERALREADYINUSE;
                }
            }
            if (setup.irq() < 0) {
                return MvStatus.INVALIDINTERRUPT;
            }
            for (NotificationCentre c : centres) {
                if (c.irq() == setup.irq()) {
                    return MvStatus.INVALIDINTERRUPT;
                }
            }
            if (centres.size() >= policy.maxNotificationCentres()) {
                return MvStatus.TOOMANYNOTIFICATIONBUFFERS;
            }
            NotificationCentre centre = new NotificationCentre(setup.irq(), setup.buffer(), size);
            centres.add(centre);
            handle.set(handles.allocate(centre));
            return MvStatus.OKAY;
        });
    }

    @Override
    public MvStatus mvCloseNotifications(U32Ref handle) {
        return call(() -> {
            if (handle == null) {
                return MvStatus.PARAMETERFAULT;
            }
            NotificationCentre centre = handles.find(handle.get(), NotificationCentre.class);
            if (centre == null) {
                return MvStatus.INVALIDHANDLE;
            }
            centres.remove(centre);
            handles.release(handle.get());
            handle.set(0);
            return MvStatus.OKAY;
        });
    }

    @Override
    public void registerIrqHandler(int irq, IrqHandler handler) {
        if (handler == null) {
            irqHandlers.remove(irq);
        } else {
            irqHandlers.put(irq, handler);
        }
    }

    // ---- Network -------------------------------------------------------------------------------

    @Override
    public MvStatus mvRequestNetwork(MvRequestNetworkParams params, U32Ref handle) {
        return call(MvStatus.PARAMETERFAULT, () -> {
            if (params == null || handle == null) {
                return MvStatus.PARAMETERFAULT;
            }
            if (params.version() != MvRequestNetworkParams.VERSION_1) {
                return MvStatus.UNSUPPORTEDSTRUCTUREVERSION;
            }
            // The header lists no INVALIDHANDLE here: params naming no open centre are illegal params (NET-REF-1).
            if (handles.find(params.notificationHandle(), NotificationCentre.class) == null) {
                return MvStatus.PARAMETERFAULT;
            }
            Network network = new Network(params.notificationHandle(), params.notificationTag());
            networks.add(network);
            handle.set(handles.allocate(network));
            return MvStatus.OKAY;
        });
    }

    @Override
    public MvStatus mvGetNetworkStatus(int networkHandle, U32Ref status) {
        return call(() -> {
            if (status == null) {
                return MvStatus.PARAMETERFAULT;
            }
            if (handles.find(networkHandle, Network.class) == null) {
                return MvStatus.INVALIDHANDLE;
            }
            status.set((linkUp ? MvNetworkStatus.CONNECTED : MvNetworkStatus.CONNECTING).code());
            return MvStatus.OKAY;
        });
    }

    @Override
    public MvStatus mvReleaseNetwork(U32Ref handle) {
        return call(() -> {
            if (handle == null) {
                return MvStatus.PARAMETERFAULT;
            }
            Network network = handles.find(handle.get(), Network.class);
            if (network == null) {
                return MvStatus.INVALIDHANDLE;
            }
            networks.remove(network);
            handles.release(handle.get());
            handle.set(0);
            return MvStatus.OKAY;
        });
    }

    // ---- Channels ------------------------------------------------------------------------------

    @Override
    public MvStatus mvOpenChannel(MvOpenChannelParams params, U32Ref handle) {
        return call(() -> {
            if (params == null || handle == null) {
                return MvStatus.PARAMETERFAULT;
            }
            if (rateLimitReached()) {
                return MvStatus.RATELIMITED;
            }
            MvStatus status = openChannelChecked(params, handle);
            if (status != MvStatus.PARAMETERFAULT) {
                // Every call that answers neither PARAMETERFAULT nor RATELIMITED counts (LIMIT-REF-6).
                recentOpenCalls.addLast(System.nanoTime());
            }
            return status;
        });
    }

    /** mvOpenChannel's checks after the rate limit, in the header's order. */
    private MvStatus openChannelChecked(MvOpenChannelParams params, U32Ref handle) {
        if (params.version() != MvOpenChannelParams.VERSION_1) {
            // The header lists no UNSUPPORTEDSTRUCTUREVERSION for this call: an unknown shape is illegal params
            // (CHAN-REF-8).
            return MvStatus.PARAMETERFAULT;
        }
        if (handles.find(params.notificationHandle(), NotificationCentre.class) == null
                || handles.find(params.networkHandle(), Network.class) == null) {
            return MvStatus.INVALIDHANDLE;
        }
        ByteBuffer rx = params.receiveBuffer();
        ByteBuffer tx = params.sendBuffer();
        if (!ApplicationMemory.holds(rx, params.receiveBufferLen())
                || !ApplicationMemory.holds(tx, params.sendBufferLen())
                || params.endpoint() == null
                || !params.endpoint().isValid()) {
            return MvStatus.PARAMETERFAULT;
        }
        int block = policy.channelBufferBlock();
        if (!Memory.isAligned(rx, block) || !Memory.isAligned(tx, block)) {
            return MvStatus.INVALIDBUFFERALIGNMENT;
        }
        if (!sizeOk(params.receiveBufferLen()) || !sizeOk(params.sendBufferLen())) {
            return MvStatus.INVALIDBUFFERSIZE;
        }
        MvChannelType type = MvChannelType.of(params.channelType());
        if (!type.isKnown()) {
            return MvStatus.UNKNOWNCHANNELTYPE;
        }
        if (!type.equals(MvChannelType.MQTT)) {
            return MvStatus.UNAVAILABLE;
        }
        MvSizedString endpoint = params.endpoint();
        if (endpoint.length() != 0) {
            return MvStatus.UNKNOWNCHANNELENDPOINT;
        }
        if (!linkUp) {
            return MvStatus.NETWORKNOTCONNECTED;
        }
        if (channels.size() >= policy.maxChannels()) {
            return MvStatus.TOOMANYCHANNELS;
        }
        MqttChannel channel = new MqttChannel(
                channelHost, params.notificationHandle(), params.notificationTag(), params.receiveBufferLen());
        channels.add(channel);
        handle.set(handles.allocate(channel));
        return MvStatus.OKAY;
    }

    private boolean sizeOk(int size) {
        return size >= policy.channelBufferBlock()
                && size <= policy.maxChannelBufferSize()
                && size % policy.channelBufferBlock() == 0;
    }

    /** Whether N calls (header: 8) already counted within the last second; the caller records counted calls. */
    private boolean rateLimitReached() {
        long now = System.nanoTime();
        while (!recentOpenCalls.isEmpty() && now - recentOpenCalls.peekFirst() >= 1_000_000_000L) {
            recentOpenCalls.pollFirst();
        }
        return recentOpenCalls.size() >= policy.maxOpenCallsPerSecond();
    }

    @Override
    public MvStatus mvCloseChannel(U32Ref handle) {
        return call(() -> {
            if (handle == null) {
                return MvStatus.PARAMETERFAULT;
            }
            MqttChannel channel = handles.find(handle.get(), MqttChannel.class);
            if (channel == null) {
                return MvStatus.INVALIDHANDLE;
            }
            channel.close();
            channels.remove(channel);
            // The handle is never issued again, and its closure reason stays readable (CHAN-CLOSE-1, CHAN-REF-7).
            handles.replace(handle.get(), ClosedChannel.INSTANCE);
            handle.set(0);
            return MvStatus.OKAY;
        });
    }

    @Override
    public MvStatus mvGetChannelClosureReason(int channelHandle, U32Ref reason) {
        return call(() -> {
            if (reason == null) {
                return MvStatus.PARAMETERFAULT;
            }
            if (handles.find(channelHandle, ClosedChannel.class) != null) {
                reason.set(MvClosureReason.CLOSEDBYAPPLICATION.code());
                return MvStatus.OKAY;
            }
            MqttChannel channel = handles.find(channelHandle, MqttChannel.class);
            if (channel == null) {
                return MvStatus.INVALIDHANDLE;
            }
            reason.set(channel.closureReason().code());
            return MvStatus.OKAY;
        });
    }

    // ---- MQTT ----------------------------------------------------------------------------------

    /** PARAMETERFAULT for a null argument, INVALIDHANDLE for a handle that is no channel, else the body. */
    private MvStatus onChannel(int channelHandle, Object argument, Function<MqttChannel, MvStatus> body) {
        return call(() -> {
            if (argument == null) {
                return MvStatus.PARAMETERFAULT;
            }
            MqttChannel channel = handles.find(channelHandle, MqttChannel.class);
            if (channel == null) {
                return MvStatus.INVALIDHANDLE;
            }
            return body.apply(channel);
        });
    }

    @Override
    public MvStatus mvMqttGetNextReadableDataType(int channelHandle, U32Ref dataType) {
        return onChannel(channelHandle, dataType, c -> c.getNextReadableDataType(dataType));
    }

    @Override
    public MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request) {
        return onChannel(channelHandle, request, c -> c.requestConnect(request));
    }

    @Override
    public MvStatus mvMqttReadConnectResponse(int channelHandle, MvMqttConnectResponse response) {
        return onChannel(channelHandle, response, c -> c.readConnectResponse(response));
    }

    @Override
    public MvStatus mvMqttRequestSubscribe(int channelHandle, MvMqttSubscribeRequest request) {
        return onChannel(channelHandle, request, c -> c.requestSubscribe(request));
    }

    @Override
    public MvStatus mvMqttReadSubscribeResponse(int channelHandle, MvMqttSubscribeResponse response) {
        return onChannel(channelHandle, response, c -> c.readSubscribeResponse(response, false));
    }

    @Override
    public MvStatus mvMqttRequestUnsubscribe(int channelHandle, MvMqttUnsubscribeRequest request) {
        return onChannel(channelHandle, request, c -> c.requestUnsubscribe(request));
    }

    @Override
    public MvStatus mvMqttReadUnsubscribeResponse(int channelHandle, MvMqttUnsubscribeResponse response) {
        return onChannel(channelHandle, response, c -> c.readSubscribeResponse(response, true));
    }

    @Override
    public MvStatus mvMqttRequestPublish(int channelHandle, MvMqttPublishRequest request) {
        return onChannel(channelHandle, request, c -> c.requestPublish(request));
    }

    @Override
    public MvStatus mvMqttReadPublishResponse(int channelHandle, MvMqttPublishResponse response) {
        return onChannel(channelHandle, response, c -> c.readPublishResponse(response));
    }

    @Override
    public MvStatus mvMqttReceiveMessage(int channelHandle, MvMqttMessage message) {
        return onChannel(channelHandle, message, c -> c.receiveMessage(message));
    }

    @Override
    public MvStatus mvMqttReceiveLostMessageInfo(int channelHandle, MvMqttLostMessageInfo info) {
        return onChannel(channelHandle, info, c -> c.receiveLostMessageInfo(info));
    }

    @Override
    public MvStatus mvMqttAcknowledgeMessage(int channelHandle, int correlationId) {
        return onChannel(channelHandle, Boolean.TRUE, c -> c.acknowledge(correlationId));
    }

    @Override
    public MvStatus mvMqttRequestDisconnect(int channelHandle) {
        return onChannel(channelHandle, Boolean.TRUE, MqttChannel::requestDisconnect);
    }

    @Override
    public MvStatus mvMqttReadDisconnectResponse(int channelHandle, MvMqttDisconnectResponse response) {
        return onChannel(channelHandle, response, c -> c.readDisconnectResponse(response));
    }

    // ---- Beyond the header ---------------------------------------------------------------------

    @Override
    public Optional<NetworkLink> networkLink() {
        return Optional.of(link);
    }

    private final class Link implements NetworkLink {
        @Override
        public void down() {
            setLink(false);
        }

        @Override
        public void up() {
            setLink(true);
        }

        @Override
        public boolean isUp() {
            lock.lock();
            try {
                return linkUp;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Takes the link down or up. Down returns once every broker connection it dropped has ended at the broker (the
     * broker answered the relay's FIN, so it has read every PUBACK written before the cut; the relay waits for that
     * a bounded time): a connection the firmware opens after the link is back cannot overtake them at the broker
     * and take over the session before they are read (ACK-REF-3).
     */
    private void setLink(boolean up) {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (linkUp == up || closed) {
                return;
            }
            linkUp = up;
            for (Network n : networks) {
                post(n.notificationHandle, n.tag, MvEventType.NETWORKSTATUSCHANGED);
            }
            if (!up) {
                for (MqttChannel channel : channels) {
                    dropped.add(channel.networkDown());
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            CompletableFuture.allOf(dropped.toArray(CompletableFuture[]::new))
                    .get(LINK_DOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The relay bounds its own wait; this one only keeps a caller from hanging on a broker that never answers.
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (MqttChannel channel : channels) {
                channel.close();
            }
            channels.clear();
        } catch (RuntimeException e) {
            // close() never throws.
        } finally {
            lock.unlock();
        }
        // No thread of its own to stop; what is still queued for it would find it closed. Its handlers are the
        // application's: a closed device keeps none of them reachable.
        deviceWork.clear();
        irqHandlers.clear();
    }
}
