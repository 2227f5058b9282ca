package dev.mvmqtt.host;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttAuthenticationMethod;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttDisconnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.spec.api.mqtt.MvTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.spec.api.mqtt.ReasonCodesResponse;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.IrqHandler;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * A {@link Microvisor} backed by a shared library that implements mv_syscalls.h in C: every request is
 * laid out in native memory exactly as the C structs are (layout from the compiler, via libmvnative),
 * every pointer a real one, every result read back from the C side. The implementation pends an IRQ by
 * calling the STM32U585 vector-table handler for it, which libmvnative defines.
 *
 * <p>A C implementation is one device per process: opening the next device resets the library through
 * its optional {@code mvhost_reset} export, switching off one still open (an implementation without the
 * export is certified on one device only). Tests that need two devices at once cannot pass on this path.
 */
public final class NativeMicrovisor implements Microvisor {
    /** Path of the C implementation ({@code -Dmvmqtt.native.library}, or the environment variable below). */
    public static final String LIBRARY_PROPERTY = "mvmqtt.native.library";

    public static final String LIBRARY_ENV = "MVMQTT_NATIVE_LIBRARY";
    /** Path of libmvnative; default: beside the implementation, else on java.library.path. */
    public static final String BRIDGE_PROPERTY = "mvmqtt.native.bridge";

    /** As in {@link HostBridge}: a garbage count must not make us lay out a huge array. */
    private static final int MAX_ELEMENTS_WRITTEN = 64;

    /** Each library loaded so far, by path: loading is once per process, switching between them is allowed. */
    private static final Map<String, Long> LOADED = new HashMap<>();

    private static long implementation;
    private static String loadedPath;
    private static NativeLayout layout;
    private static boolean resettable;
    private static int devicesOpened;
    private static volatile NativeMicrovisor active;

    private final Map<Integer, IrqHandler> irqHandlers = new ConcurrentHashMap<>();
    private final HeapShadows shadows = new HeapShadows();
    private volatile boolean closed;

    private NativeMicrovisor() {}

    /** Opens the device of the library named by the property or environment variable. */
    public static NativeMicrovisor open() {
        String path = System.getProperty(LIBRARY_PROPERTY, System.getenv(LIBRARY_ENV));
        if (path == null || path.isBlank()) {
            throw new IllegalStateException(
                    "No C implementation given: set -D" + LIBRARY_PROPERTY + "=path/to/libimpl.so or " + LIBRARY_ENV);
        }
        return open(Path.of(path));
    }

    /** Opens the device of the C implementation in {@code library}. */
    public static synchronized NativeMicrovisor open(Path library) {
        String path = library.toAbsolutePath().toString();
        if (!Files.isReadable(library)) {
            throw new IllegalArgumentException("No C implementation at " + path);
        }
        NativeMicrovisor previous = active;
        if (implementation == 0) {
            loadBridge(library);
            Object[] both = layout();
            layout = new NativeLayout((String[]) both[0], (int[]) both[1]);
        }
        if (!path.equals(loadedPath)) {
            if (previous != null && !previous.closed) {
                throw new IllegalStateException(
                        "A device of " + loadedPath + " is still open; close it before certifying " + path);
            }
            implementation = LOADED.computeIfAbsent(path, NativeMicrovisor::open);
            loadedPath = path;
            devicesOpened = 0;
        }
        if (previous != null && !previous.closed) {
            // One device per process: a device left open is switched off by the reset below, and its
            // later calls reach the new device's state (they fail on their stale handles).
            previous.closed = true;
            previous.irqHandlers.clear();
        }
        if (devicesOpened > 0 && !resettable) {
            throw new IllegalStateException(
                    path + " exports no mvhost_reset, so it can be certified on one device only");
        }
        resettable = reset(implementation);
        devicesOpened++;
        NativeMicrovisor device = new NativeMicrovisor();
        active = device;
        return device;
    }

    private static void loadBridge(Path library) {
        String explicit = System.getProperty(BRIDGE_PROPERTY);
        Path beside = library.toAbsolutePath().resolveSibling("libmvnative.so");
        if (explicit != null) {
            System.load(Path.of(explicit).toAbsolutePath().toString());
        } else if (Files.isReadable(beside)) {
            System.load(beside.toString());
        } else {
            System.loadLibrary("mvnative");
        }
    }

    // ---- Calls ------------------------------------------------------------------------------------

    private MvStatus call(ToIntFunction<NativeArena> body) {
        NativeArena arena = new NativeArena(layout);
        int status = body.applyAsInt(arena);
        arena.readBack();
        shadows.syncBack();
        return MvStatus.of(status);
    }

    private static long handleValue(int handle) {
        return Integer.toUnsignedLong(handle);
    }

    @Override
    public MvStatus mvSetupNotifications(MvNotificationSetup setup, U32Ref handle) {
        return call(a -> {
            long s = 0;
            if (setup != null) {
                NativeStruct n = a.struct("MvNotificationSetup");
                n.putU32("irq", setup.irq());
                n.putPointer("buffer", shadows.addressOf(setup.buffer()));
                n.putU32("buffer_size", setup.bufferSize());
                s = n.address();
            }
            return invoke(implementation, Calls.SETUP_NOTIFICATIONS, s, a.handle(handle));
        });
    }

    @Override
    public MvStatus mvCloseNotifications(U32Ref handle) {
        return call(a -> invoke(implementation, Calls.CLOSE_NOTIFICATIONS, a.handle(handle), 0));
    }

    @Override
    public void registerIrqHandler(int irq, IrqHandler handler) {
        if (handler == null) {
            irqHandlers.remove(irq);
        } else {
            irqHandlers.put(irq, handler);
        }
    }

    @Override
    public MvStatus mvRequestNetwork(MvRequestNetworkParams params, U32Ref handle) {
        return call(a -> {
            long p = 0;
            if (params != null) {
                NativeStruct s = a.struct("MvRequestNetworkParams");
                s.putU32("version", params.version());
                s.putPointer("v1.notification_handle", handleValue(params.notificationHandle()));
                s.putU32("v1.notification_tag", params.notificationTag());
                p = s.address();
            }
            return invoke(implementation, Calls.REQUEST_NETWORK, p, a.handle(handle));
        });
    }

    @Override
    public MvStatus mvGetNetworkStatus(int networkHandle, U32Ref status) {
        return call(a -> invoke(implementation, Calls.GET_NETWORK_STATUS, handleValue(networkHandle), a.u32(status)));
    }

    @Override
    public MvStatus mvReleaseNetwork(U32Ref handle) {
        return call(a -> invoke(implementation, Calls.RELEASE_NETWORK, a.handle(handle), 0));
    }

    @Override
    public MvStatus mvOpenChannel(MvOpenChannelParams params, U32Ref handle) {
        return call(a -> {
            long p = 0;
            if (params != null) {
                NativeStruct s = a.struct("MvOpenChannelParams");
                s.putU32("version", params.version());
                s.putPointer("v1.notification_handle", handleValue(params.notificationHandle()));
                s.putU32("v1.notification_tag", params.notificationTag());
                s.putPointer("v1.network_handle", handleValue(params.networkHandle()));
                s.putPointer("v1.receive_buffer", shadows.addressOf(params.receiveBuffer()));
                s.putU32("v1.receive_buffer_len", params.receiveBufferLen());
                s.putPointer("v1.send_buffer", shadows.addressOf(params.sendBuffer()));
                s.putU32("v1.send_buffer_len", params.sendBufferLen());
                s.putU32("v1.channel_type", params.channelType());
                a.sizedString(s, "v1.endpoint", params.endpoint());
                p = s.address();
            }
            return invoke(implementation, Calls.OPEN_CHANNEL, p, a.handle(handle));
        });
    }

    @Override
    public MvStatus mvCloseChannel(U32Ref handle) {
        return call(a -> invoke(implementation, Calls.CLOSE_CHANNEL, a.handle(handle), 0));
    }

    @Override
    public MvStatus mvGetChannelClosureReason(int channelHandle, U32Ref reason) {
        return call(a ->
                invoke(implementation, Calls.GET_CHANNEL_CLOSURE_REASON, handleValue(channelHandle), a.u32(reason)));
    }

    @Override
    public MvStatus mvMqttGetNextReadableDataType(int channelHandle, U32Ref dataType) {
        return call(a ->
                invoke(implementation, Calls.GET_NEXT_READABLE_DATA_TYPE, handleValue(channelHandle), a.u32(dataType)));
    }

    @Override
    public MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request) {
        return call(a -> invoke(
                implementation,
                Calls.REQUEST_CONNECT,
                handleValue(channelHandle),
                request == null ? 0 : connectRequest(a, request)));
    }

    private static long connectRequest(NativeArena a, MvMqttConnectRequest r) {
        NativeStruct s = a.struct("MvMqttConnectRequest");
        s.putU32("protocol_version", r.protocolVersion());
        a.sizedString(s, "host", r.host());
        s.putU16("port", r.port());
        a.sizedString(s, "clientid", r.clientId());
        MvMqttAuthentication auth = r.authentication();
        NativeStruct n = s.nested("authentication", "MvMqttAuthentication");
        NativeStruct up = n.nested("username_password", "MvUsernamePassword");
        if (auth == null) {
            // C holds the authentication by value, so it cannot be a NULL pointer; its nearest C form is
            // credentials whose pointers are illegal.
            n.putU32("method", MvMqttAuthenticationMethod.USERNAMEPASSWORD.code());
            a.sizedString(up, "username", null);
            a.sizedString(up, "password", null);
        } else {
            n.putU32("method", auth.method());
            // A null username_password, also held by value in C, becomes illegal pointers the same way.
            a.sizedString(
                    up,
                    "username",
                    auth.usernamePassword() == null
                            ? null
                            : auth.usernamePassword().username());
            a.sizedString(
                    up,
                    "password",
                    auth.usernamePassword() == null
                            ? null
                            : auth.usernamePassword().password());
        }
        MvTlsCredentials tls = r.tlsCredentials();
        if (tls != null) {
            NativeStruct t = a.struct("MvTlsCredentials");
            chain(a, t.nested("cacert", "MvTlsCertificateChain"), tls.cacert());
            if (tls.clientcert() != null) {
                NativeStruct own = t.nested("clientcert", "MvOwnTlsCertificateChain");
                chain(
                        a,
                        own.nested("chain", "MvTlsCertificateChain"),
                        tls.clientcert().chain());
                a.sizedString(own, "key", tls.clientcert().key());
            }
            s.putPointer("tls_credentials", t.address());
        }
        s.putU32("keepalive", r.keepalive());
        s.putU8("clean_start", r.cleanStart());
        MvMqttWill will = r.will();
        if (will != null) {
            NativeStruct w = a.struct("MvMqttWill");
            a.sizedString(w, "topic", will.topic());
            a.sizedString(w, "payload", will.payload());
            w.putU32("qos", will.qos());
            w.putU8("retain", will.retain());
            s.putPointer("will", w.address());
        }
        return s.address();
    }

    private static void chain(NativeArena a, NativeStruct c, MvTlsCertificateChain chain) {
        if (chain == null) {
            return;
        }
        c.putU32("num_certs", chain.numCerts());
        c.putPointer("certs", sizedStrings(a, chain.certs(), chain.numCerts()));
    }

    /** An array of sized strings: the list's elements, padded with empty ones up to the declared count. */
    private static long sizedStrings(NativeArena a, List<MvSizedString> list, int declared) {
        if (list == null) {
            return 0;
        }
        int n = (int) Math.max(list.size(), Math.min(Integer.toUnsignedLong(declared), MAX_ELEMENTS_WRITTEN));
        long array = a.array("MvSizedString", n);
        for (int i = 0; i < list.size(); i++) {
            a.writeSizedString(a.element("MvSizedString", array, i), list.get(i));
        }
        return array;
    }

    @Override
    public MvStatus mvMqttReadConnectResponse(int channelHandle, MvMqttConnectResponse response) {
        return call(a -> {
            if (response == null) {
                return invoke(implementation, Calls.READ_CONNECT_RESPONSE, handleValue(channelHandle), 0);
            }
            NativeStruct s = a.struct("MvMqttConnectResponse");
            s.putU32("request_state", response.requestState);
            s.putU32("reason_code", response.reasonCode);
            int status = invoke(implementation, Calls.READ_CONNECT_RESPONSE, handleValue(channelHandle), s.address());
            response.requestState = s.u32("request_state");
            response.reasonCode = s.u32("reason_code");
            return status;
        });
    }

    @Override
    public MvStatus mvMqttRequestSubscribe(int channelHandle, MvMqttSubscribeRequest request) {
        return call(a -> {
            long p = 0;
            if (request != null) {
                NativeStruct s = a.struct("MvMqttSubscribeRequest");
                s.putU32("correlation_id", request.correlationId());
                s.putU32("num_subscriptions", request.numSubscriptions());
                List<MvMqttSubscription> list = request.subscriptions();
                if (list != null) {
                    int n = (int) Math.max(
                            list.size(),
                            Math.min(Integer.toUnsignedLong(request.numSubscriptions()), MAX_ELEMENTS_WRITTEN));
                    long array = a.array("MvMqttSubscription", n);
                    for (int i = 0; i < list.size(); i++) {
                        MvMqttSubscription sub = list.get(i);
                        NativeStruct e = a.element("MvMqttSubscription", array, i);
                        // A null element has no C form; its topic becomes an illegal pointer.
                        a.sizedString(e, "topic", sub == null ? null : sub.topic());
                        if (sub != null) {
                            e.putU32("desired_qos", sub.desiredQos());
                            e.putU32("nl", sub.nl());
                            e.putU32("rap", sub.rap());
                            e.putU32("rh", sub.rh());
                        }
                    }
                    s.putPointer("subscriptions", array);
                }
                p = s.address();
            }
            return invoke(implementation, Calls.REQUEST_SUBSCRIBE, handleValue(channelHandle), p);
        });
    }

    @Override
    public MvStatus mvMqttReadSubscribeResponse(int channelHandle, MvMqttSubscribeResponse response) {
        return call(a -> invoke(
                implementation,
                Calls.READ_SUBSCRIBE_RESPONSE,
                handleValue(channelHandle),
                response == null ? 0 : reasonCodes(a, "MvMqttSubscribeResponse", response)));
    }

    @Override
    public MvStatus mvMqttRequestUnsubscribe(int channelHandle, MvMqttUnsubscribeRequest request) {
        return call(a -> {
            long p = 0;
            if (request != null) {
                NativeStruct s = a.struct("MvMqttUnsubscribeRequest");
                s.putU32("correlation_id", request.correlationId());
                s.putU32("num_topics", request.numTopics());
                s.putPointer("topics", sizedStrings(a, request.topics(), request.numTopics()));
                p = s.address();
            }
            return invoke(implementation, Calls.REQUEST_UNSUBSCRIBE, handleValue(channelHandle), p);
        });
    }

    @Override
    public MvStatus mvMqttReadUnsubscribeResponse(int channelHandle, MvMqttUnsubscribeResponse response) {
        return call(a -> invoke(
                implementation,
                Calls.READ_UNSUBSCRIBE_RESPONSE,
                handleValue(channelHandle),
                response == null ? 0 : reasonCodes(a, "MvMqttUnsubscribeResponse", response)));
    }

    private static long reasonCodes(NativeArena a, String type, ReasonCodesResponse r) {
        NativeStruct s = a.struct(type);
        s.putPointer("request_state", a.u32(r.requestState()));
        s.putPointer("correlation_id", a.u32(r.correlationId()));
        s.putPointer("reason_codes", a.buffer(r.reasonCodes()));
        s.putU32("reason_codes_size", r.reasonCodesSize());
        s.putPointer("reason_codes_len", a.u32(r.reasonCodesLen()));
        return s.address();
    }

    @Override
    public MvStatus mvMqttRequestPublish(int channelHandle, MvMqttPublishRequest request) {
        return call(a -> {
            long p = 0;
            if (request != null) {
                NativeStruct s = a.struct("MvMqttPublishRequest");
                s.putU32("correlation_id", request.correlationId());
                a.sizedString(s, "topic", request.topic());
                a.sizedString(s, "payload", request.payload());
                s.putU32("desired_qos", request.desiredQos());
                s.putU32("retain", request.retain());
                p = s.address();
            }
            return invoke(implementation, Calls.REQUEST_PUBLISH, handleValue(channelHandle), p);
        });
    }

    @Override
    public MvStatus mvMqttReadPublishResponse(int channelHandle, MvMqttPublishResponse response) {
        return call(a -> {
            if (response == null) {
                return invoke(implementation, Calls.READ_PUBLISH_RESPONSE, handleValue(channelHandle), 0);
            }
            NativeStruct s = a.struct("MvMqttPublishResponse");
            s.putU32("request_state", response.requestState);
            s.putU32("correlation_id", response.correlationId);
            s.putU32("reason_code", response.reasonCode);
            int status = invoke(implementation, Calls.READ_PUBLISH_RESPONSE, handleValue(channelHandle), s.address());
            response.requestState = s.u32("request_state");
            response.correlationId = s.u32("correlation_id");
            response.reasonCode = s.u32("reason_code");
            return status;
        });
    }

    @Override
    public MvStatus mvMqttReceiveMessage(int channelHandle, MvMqttMessage message) {
        return call(a -> {
            long p = 0;
            if (message != null) {
                NativeStruct s = a.struct("MvMqttMessage");
                s.putPointer("correlation_id", a.u32(message.correlationId()));
                a.sizedStringBuffer(s, "topic", message.topic());
                a.sizedStringBuffer(s, "payload", message.payload());
                s.putPointer("qos", a.u32(message.qos()));
                s.putPointer("retain", a.u8(message.retain()));
                p = s.address();
            }
            return invoke(implementation, Calls.RECEIVE_MESSAGE, handleValue(channelHandle), p);
        });
    }

    @Override
    public MvStatus mvMqttReceiveLostMessageInfo(int channelHandle, MvMqttLostMessageInfo info) {
        return call(a -> {
            long p = 0;
            if (info != null) {
                NativeStruct s = a.struct("MvMqttLostMessageInfo");
                s.putPointer("reason", a.u32(info.reason()));
                a.sizedStringBuffer(s, "topic", info.topic());
                s.putPointer("message_len", a.u32(info.messageLen()));
                p = s.address();
            }
            return invoke(implementation, Calls.RECEIVE_LOST_MESSAGE_INFO, handleValue(channelHandle), p);
        });
    }

    @Override
    public MvStatus mvMqttAcknowledgeMessage(int channelHandle, int correlationId) {
        return call(a -> invoke(
                implementation,
                Calls.ACKNOWLEDGE_MESSAGE,
                handleValue(channelHandle),
                Integer.toUnsignedLong(correlationId)));
    }

    @Override
    public MvStatus mvMqttRequestDisconnect(int channelHandle) {
        return call(a -> invoke(implementation, Calls.REQUEST_DISCONNECT, handleValue(channelHandle), 0));
    }

    @Override
    public MvStatus mvMqttReadDisconnectResponse(int channelHandle, MvMqttDisconnectResponse response) {
        return call(a -> {
            if (response == null) {
                return invoke(implementation, Calls.READ_DISCONNECT_RESPONSE, handleValue(channelHandle), 0);
            }
            NativeStruct s = a.struct("MvMqttDisconnectResponse");
            s.putU32("request_state", response.requestState);
            s.putU32("disconnect_code", response.disconnectCode);
            int status =
                    invoke(implementation, Calls.READ_DISCONNECT_RESPONSE, handleValue(channelHandle), s.address());
            response.requestState = s.u32("request_state");
            response.disconnectCode = s.u32("disconnect_code");
            return status;
        });
    }

    /**
     * The device's network link, when the library exports mvhost_network_down, _up and _is_up and
     * the implementation behind them has one.
     */
    @Override
    public Optional<NetworkLink> networkLink() {
        if (networkLink(implementation, 2) < 0) {
            return Optional.empty();
        }
        return Optional.of(new NetworkLink() {
            @Override
            public void down() {
                networkLink(implementation, 0);
            }

            @Override
            public void up() {
                networkLink(implementation, 1);
            }

            @Override
            public boolean isUp() {
                return networkLink(implementation, 2) == 1;
            }
        });
    }

    /** Resets the library (mvhost_reset), which releases everything the device held. */
    @Override
    public void close() {
        synchronized (NativeMicrovisor.class) {
            if (closed) {
                return;
            }
            closed = true;
            irqHandlers.clear();
            if (resettable) {
                reset(implementation);
            }
            if (active == this) {
                active = null;
            }
        }
    }

    // ---- From C -----------------------------------------------------------------------------------

    /** Called by libmvnative when the implementation runs the vector-table handler for {@code irq}. */
    static void pendIrq(int irq) {
        NativeMicrovisor device = active;
        if (device == null || device.closed) {
            return;
        }
        device.shadows.syncBack();
        IrqHandler handler = device.irqHandlers.get(irq);
        if (handler != null) {
            handler.onIrq(irq);
        }
    }

    /** The call numbers of libmvnative's invoke, in mv_calls.h's order. */
    private static final class Calls {
        static final int SETUP_NOTIFICATIONS = 0;
        static final int CLOSE_NOTIFICATIONS = 1;
        static final int REQUEST_NETWORK = 2;
        static final int RELEASE_NETWORK = 3;
        static final int GET_NETWORK_STATUS = 4;
        static final int OPEN_CHANNEL = 5;
        static final int CLOSE_CHANNEL = 6;
        static final int GET_CHANNEL_CLOSURE_REASON = 7;
        static final int GET_NEXT_READABLE_DATA_TYPE = 8;
        static final int REQUEST_CONNECT = 9;
        static final int READ_CONNECT_RESPONSE = 10;
        static final int REQUEST_SUBSCRIBE = 11;
        static final int READ_SUBSCRIBE_RESPONSE = 12;
        static final int REQUEST_UNSUBSCRIBE = 13;
        static final int READ_UNSUBSCRIBE_RESPONSE = 14;
        static final int REQUEST_PUBLISH = 15;
        static final int READ_PUBLISH_RESPONSE = 16;
        static final int RECEIVE_MESSAGE = 17;
        static final int RECEIVE_LOST_MESSAGE_INFO = 18;
        static final int ACKNOWLEDGE_MESSAGE = 19;
        static final int REQUEST_DISCONNECT = 20;
        static final int READ_DISCONNECT_RESPONSE = 21;

        private Calls() {}
    }

    private static native long open(String path);

    private static native boolean reset(long implementation);

    private static native Object[] layout();

    private static native int networkLink(long implementation, int op);

    private static native int invoke(long implementation, int call, long a, long b);
}
