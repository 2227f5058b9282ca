package dev.mvmqtt.host;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.Microvisors;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
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
import dev.mvmqtt.spec.api.mqtt.MvMqttUsernamePassword;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.spec.api.mqtt.MvOwnTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Java half of libmvhost: one static method per header call, under the call's C name, taking the
 * C arguments as 64-bit values (pointers as addresses, handles zero-extended). Each reads the
 * firmware's structs in place, calls the {@link Microvisor} chosen by {@code -Dmvhost.implementation}
 * (the reference by default), and writes every out-parameter back to the firmware's memory.
 * Buffers the implementation keeps (rings, channel buffers, reason-code arrays, message buffers) are
 * the firmware's own memory, never copies.
 */
public final class HostBridge {
    /**
     * Most elements read from a C array whatever count the firmware claims: above the header's limit
     * of 8 the implementation refuses on the count alone, and a garbage count must not make the bridge
     * walk far past the array.
     */
    private static final int MAX_ELEMENTS_READ = 64;

    /**
     * Which Java implementation libmvhost runs: its own property, so that certifying libmvhost through
     * the C path (where {@code mvmqtt.implementation} names the C path itself) still runs the reference.
     */
    public static final String IMPLEMENTATION_PROPERTY = "mvhost.implementation";

    private static volatile Microvisor microvisor;
    private static volatile NativeLayout layout;

    private HostBridge() {}

    /** Called once by libmvhost after the JVM starts, with the compiler's layout of the structs. */
    static void start(String[] layoutNames, int[] layoutValues) {
        layout = new NativeLayout(layoutNames, layoutValues);
        microvisor = createImplementation();
    }

    /** Called by mvhost_reset: the device starts again from power-on. */
    static void reset() {
        stop();
        microvisor = createImplementation();
    }

    private static Microvisor createImplementation() {
        String selector = System.getProperty(IMPLEMENTATION_PROPERTY, "reference");
        return Microvisors.provider(selector, HostBridge.class.getClassLoader()).create();
    }

    /** Called by libmvhost at process exit: closes every channel, thread and socket of the implementation. */
    static void stop() {
        Microvisor mv = microvisor;
        if (mv != null) {
            mv.close();
        }
    }

    /** mvhost_network_down/up/is_up: op 0 down, 1 up, 2 query (1 up, 0 down); -1 without a link. */
    static int networkLink(int op) {
        return microvisor
                .networkLink()
                .map(link -> {
                    switch (op) {
                        case 0 -> link.down();
                        case 1 -> link.up();
                        default -> {
                            return link.isUp() ? 1 : 0;
                        }
                    }
                    return 0;
                })
                .orElse(-1);
    }

    // ---- Notifications -------------------------------------------------------------------------

    static int mvSetupNotifications(long setupPtr, long handleOut) {
        return guard(() -> {
            MvNotificationSetup setup = null;
            if (setupPtr != 0) {
                NativeStruct s = NativeStruct.at(layout, "MvNotificationSetup", setupPtr);
                long ring = s.pointer("buffer");
                int size = s.u32("buffer_size");
                setup = new MvNotificationSetup(
                        s.u32("irq"), ring == 0 ? null : NativeMemory.declared(ring, size), size);
                int irq = setup.irq();
                microvisor.registerIrqHandler(irq, HostBridge::pendIrq);
            }
            U32Ref handle = handleOut == 0 ? null : new U32Ref();
            MvStatus status = microvisor.mvSetupNotifications(setup, handle);
            storeHandleIfOkay(status, handleOut, handle);
            return status;
        });
    }

    static int mvCloseNotifications(long handlePtr, long unused) {
        return guard(() -> {
            U32Ref handle = NativeMemory.handleIn(handlePtr);
            MvStatus status = microvisor.mvCloseNotifications(handle);
            storeHandleIfOkay(status, handlePtr, handle);
            return status;
        });
    }

    // ---- Network -------------------------------------------------------------------------------

    static int mvRequestNetwork(long paramsPtr, long handleOut) {
        return guard(() -> {
            MvRequestNetworkParams params = null;
            if (paramsPtr != 0) {
                NativeStruct p = NativeStruct.at(layout, "MvRequestNetworkParams", paramsPtr);
                params = new MvRequestNetworkParams(
                        p.u32("version"), (int) p.pointer("v1.notification_handle"), p.u32("v1.notification_tag"));
            }
            U32Ref handle = handleOut == 0 ? null : new U32Ref();
            MvStatus status = microvisor.mvRequestNetwork(params, handle);
            storeHandleIfOkay(status, handleOut, handle);
            return status;
        });
    }

    static int mvReleaseNetwork(long handlePtr, long unused) {
        return guard(() -> {
            U32Ref handle = NativeMemory.handleIn(handlePtr);
            MvStatus status = microvisor.mvReleaseNetwork(handle);
            storeHandleIfOkay(status, handlePtr, handle);
            return status;
        });
    }

    static int mvGetNetworkStatus(long networkHandle, long statusPtr) {
        return guard(() -> {
            U32Ref status = NativeMemory.u32In(statusPtr);
            MvStatus result = microvisor.mvGetNetworkStatus((int) networkHandle, status);
            NativeMemory.storeU32(statusPtr, status);
            return result;
        });
    }

    // ---- Channels ------------------------------------------------------------------------------

    static int mvOpenChannel(long paramsPtr, long handleOut) {
        return guard(() -> {
            MvOpenChannelParams params = null;
            if (paramsPtr != 0) {
                NativeStruct p = NativeStruct.at(layout, "MvOpenChannelParams", paramsPtr);
                int rxLen = p.u32("v1.receive_buffer_len");
                int txLen = p.u32("v1.send_buffer_len");
                params = MvOpenChannelParams.builder()
                        .version(p.u32("version"))
                        .notificationHandle((int) p.pointer("v1.notification_handle"))
                        .notificationTag(p.u32("v1.notification_tag"))
                        .networkHandle((int) p.pointer("v1.network_handle"))
                        .receiveBuffer(memory(p.pointer("v1.receive_buffer"), rxLen), rxLen)
                        .sendBuffer(memory(p.pointer("v1.send_buffer"), txLen), txLen)
                        .channelType(p.u32("v1.channel_type"))
                        .endpoint(p.sizedString("v1.endpoint"))
                        .build();
            }
            U32Ref handle = handleOut == 0 ? null : new U32Ref();
            MvStatus status = microvisor.mvOpenChannel(params, handle);
            storeHandleIfOkay(status, handleOut, handle);
            return status;
        });
    }

    static int mvCloseChannel(long handlePtr, long unused) {
        return guard(() -> {
            U32Ref handle = NativeMemory.handleIn(handlePtr);
            MvStatus status = microvisor.mvCloseChannel(handle);
            storeHandleIfOkay(status, handlePtr, handle);
            return status;
        });
    }

    static int mvGetChannelClosureReason(long channel, long reasonPtr) {
        return guard(() -> {
            U32Ref reason = NativeMemory.u32In(reasonPtr);
            MvStatus status = microvisor.mvGetChannelClosureReason((int) channel, reason);
            NativeMemory.storeU32(reasonPtr, reason);
            return status;
        });
    }

    // ---- MQTT ----------------------------------------------------------------------------------

    static int mvMqttGetNextReadableDataType(long channel, long typePtr) {
        return guard(() -> {
            U32Ref type = NativeMemory.u32In(typePtr);
            MvStatus status = microvisor.mvMqttGetNextReadableDataType((int) channel, type);
            NativeMemory.storeU32(typePtr, type);
            return status;
        });
    }

    static int mvMqttRequestConnect(long channel, long requestPtr) {
        return guard(() ->
                microvisor.mvMqttRequestConnect((int) channel, requestPtr == 0 ? null : connectRequest(requestPtr)));
    }

    static int mvMqttReadConnectResponse(long channel, long responsePtr) {
        return guard(() -> {
            MvMqttConnectResponse response = null;
            NativeStruct r = null;
            if (responsePtr != 0) {
                r = NativeStruct.at(layout, "MvMqttConnectResponse", responsePtr);
                response = new MvMqttConnectResponse();
                response.requestState = r.u32("request_state");
                response.reasonCode = r.u32("reason_code");
            }
            MvStatus status = microvisor.mvMqttReadConnectResponse((int) channel, response);
            if (r != null) {
                r.putU32("request_state", response.requestState);
                r.putU32("reason_code", response.reasonCode);
            }
            return status;
        });
    }

    static int mvMqttRequestSubscribe(long channel, long requestPtr) {
        return guard(() -> {
            MvMqttSubscribeRequest request = null;
            if (requestPtr != 0) {
                NativeStruct r = NativeStruct.at(layout, "MvMqttSubscribeRequest", requestPtr);
                int count = r.u32("num_subscriptions");
                long array = r.pointer("subscriptions");
                List<MvMqttSubscription> subscriptions = null;
                if (array != 0) {
                    subscriptions = new ArrayList<>();
                    for (int i = 0; i < elementsToRead(count); i++) {
                        NativeStruct s = NativeStruct.element(layout, "MvMqttSubscription", array, i);
                        subscriptions.add(new MvMqttSubscription(
                                s.sizedString("topic"), s.u32("desired_qos"), s.u32("nl"), s.u32("rap"), s.u32("rh")));
                    }
                }
                request = new MvMqttSubscribeRequest(r.u32("correlation_id"), subscriptions, count);
            }
            return microvisor.mvMqttRequestSubscribe((int) channel, request);
        });
    }

    static int mvMqttReadSubscribeResponse(long channel, long responsePtr) {
        return guard(() -> {
            if (responsePtr == 0) {
                return microvisor.mvMqttReadSubscribeResponse((int) channel, null);
            }
            NativeStruct r = NativeStruct.at(layout, "MvMqttSubscribeResponse", responsePtr);
            CodesOut out = new CodesOut(r);
            MvMqttSubscribeResponse response =
                    new MvMqttSubscribeResponse(out.state, out.correlationId, out.codes, out.size, out.length);
            MvStatus status = microvisor.mvMqttReadSubscribeResponse((int) channel, response);
            out.store();
            return status;
        });
    }

    static int mvMqttRequestUnsubscribe(long channel, long requestPtr) {
        return guard(() -> {
            MvMqttUnsubscribeRequest request = null;
            if (requestPtr != 0) {
                NativeStruct r = NativeStruct.at(layout, "MvMqttUnsubscribeRequest", requestPtr);
                int count = r.u32("num_topics");
                long array = r.pointer("topics");
                List<MvSizedString> topics = null;
                if (array != 0) {
                    topics = new ArrayList<>();
                    for (int i = 0; i < elementsToRead(count); i++) {
                        topics.add(sizedStringAt(array, i));
                    }
                }
                request = new MvMqttUnsubscribeRequest(r.u32("correlation_id"), topics, count);
            }
            return microvisor.mvMqttRequestUnsubscribe((int) channel, request);
        });
    }

    static int mvMqttReadUnsubscribeResponse(long channel, long responsePtr) {
        return guard(() -> {
            if (responsePtr == 0) {
                return microvisor.mvMqttReadUnsubscribeResponse((int) channel, null);
            }
            NativeStruct r = NativeStruct.at(layout, "MvMqttUnsubscribeResponse", responsePtr);
            CodesOut out = new CodesOut(r);
            MvMqttUnsubscribeResponse response =
                    new MvMqttUnsubscribeResponse(out.state, out.correlationId, out.codes, out.size, out.length);
            MvStatus status = microvisor.mvMqttReadUnsubscribeResponse((int) channel, response);
            out.store();
            return status;
        });
    }

    static int mvMqttRequestPublish(long channel, long requestPtr) {
        return guard(() -> {
            MvMqttPublishRequest request = null;
            if (requestPtr != 0) {
                NativeStruct r = NativeStruct.at(layout, "MvMqttPublishRequest", requestPtr);
                request = new MvMqttPublishRequest(
                        r.u32("correlation_id"),
                        r.sizedString("topic"),
                        r.sizedString("payload"),
                        r.u32("desired_qos"),
                        r.u32("retain"));
            }
            return microvisor.mvMqttRequestPublish((int) channel, request);
        });
    }

    static int mvMqttReadPublishResponse(long channel, long responsePtr) {
        return guard(() -> {
            MvMqttPublishResponse response = null;
            NativeStruct r = null;
            if (responsePtr != 0) {
                r = NativeStruct.at(layout, "MvMqttPublishResponse", responsePtr);
                response = new MvMqttPublishResponse();
                response.requestState = r.u32("request_state");
                response.correlationId = r.u32("correlation_id");
                response.reasonCode = r.u32("reason_code");
            }
            MvStatus status = microvisor.mvMqttReadPublishResponse((int) channel, response);
            if (r != null) {
                r.putU32("request_state", response.requestState);
                r.putU32("correlation_id", response.correlationId);
                r.putU32("reason_code", response.reasonCode);
            }
            return status;
        });
    }

    static int mvMqttReceiveMessage(long channel, long messagePtr) {
        return guard(() -> {
            if (messagePtr == 0) {
                return microvisor.mvMqttReceiveMessage((int) channel, null);
            }
            NativeStruct m = NativeStruct.at(layout, "MvMqttMessage", messagePtr);
            long correlationPtr = m.pointer("correlation_id");
            long qosPtr = m.pointer("qos");
            long retainPtr = m.pointer("retain");
            U32Ref retain = retainPtr == 0
                    ? null
                    : new U32Ref(
                            Byte.toUnsignedInt(NativeMemory.at(retainPtr, 1).get(0)));
            MvMqttMessage message = new MvMqttMessage(
                    NativeMemory.u32In(correlationPtr),
                    m.sizedStringBuffer("topic"),
                    m.sizedStringBuffer("payload"),
                    NativeMemory.u32In(qosPtr),
                    retain);
            MvStatus status = microvisor.mvMqttReceiveMessage((int) channel, message);
            NativeMemory.storeU32(correlationPtr, message.correlationId());
            m.storeLength("topic", message.topic());
            m.storeLength("payload", message.payload());
            NativeMemory.storeU32(qosPtr, message.qos());
            NativeMemory.storeU8(retainPtr, message.retain());
            return status;
        });
    }

    static int mvMqttReceiveLostMessageInfo(long channel, long infoPtr) {
        return guard(() -> {
            if (infoPtr == 0) {
                return microvisor.mvMqttReceiveLostMessageInfo((int) channel, null);
            }
            NativeStruct i = NativeStruct.at(layout, "MvMqttLostMessageInfo", infoPtr);
            long reasonPtr = i.pointer("reason");
            long lengthPtr = i.pointer("message_len");
            MvMqttLostMessageInfo info = new MvMqttLostMessageInfo(
                    NativeMemory.u32In(reasonPtr), i.sizedStringBuffer("topic"), NativeMemory.u32In(lengthPtr));
            MvStatus status = microvisor.mvMqttReceiveLostMessageInfo((int) channel, info);
            NativeMemory.storeU32(reasonPtr, info.reason());
            i.storeLength("topic", info.topic());
            NativeMemory.storeU32(lengthPtr, info.messageLen());
            return status;
        });
    }

    static int mvMqttAcknowledgeMessage(long channel, long correlationId) {
        return guard(() -> microvisor.mvMqttAcknowledgeMessage((int) channel, (int) correlationId));
    }

    static int mvMqttRequestDisconnect(long channel, long unused) {
        return guard(() -> microvisor.mvMqttRequestDisconnect((int) channel));
    }

    static int mvMqttReadDisconnectResponse(long channel, long responsePtr) {
        return guard(() -> {
            MvMqttDisconnectResponse response = null;
            NativeStruct r = null;
            if (responsePtr != 0) {
                r = NativeStruct.at(layout, "MvMqttDisconnectResponse", responsePtr);
                response = new MvMqttDisconnectResponse();
                response.requestState = r.u32("request_state");
                response.disconnectCode = r.u32("disconnect_code");
            }
            MvStatus status = microvisor.mvMqttReadDisconnectResponse((int) channel, response);
            if (r != null) {
                r.putU32("request_state", response.requestState);
                r.putU32("disconnect_code", response.disconnectCode);
            }
            return status;
        });
    }

    // ---- Reading the firmware's structs --------------------------------------------------------

    private static MvMqttConnectRequest connectRequest(long address) {
        NativeStruct r = NativeStruct.at(layout, "MvMqttConnectRequest", address);
        NativeStruct auth = r.nested("authentication", "MvMqttAuthentication");
        NativeStruct userPass = auth.nested("username_password", "MvUsernamePassword");
        long tls = r.pointer("tls_credentials");
        long will = r.pointer("will");
        return MvMqttConnectRequest.builder()
                .protocolVersion(r.u32("protocol_version"))
                .host(r.sizedString("host"))
                .port(r.u16("port"))
                .clientId(r.sizedString("clientid"))
                .authentication(new MvMqttAuthentication(
                        auth.u32("method"),
                        new MvMqttUsernamePassword(userPass.sizedString("username"), userPass.sizedString("password"))))
                .tlsCredentials(tls == 0 ? null : tlsCredentials(tls))
                .keepalive(r.u32("keepalive"))
                .cleanStart(r.u8("clean_start"))
                .will(will == 0 ? null : will(will))
                .build();
    }

    private static MvTlsCredentials tlsCredentials(long address) {
        NativeStruct t = NativeStruct.at(layout, "MvTlsCredentials", address);
        NativeStruct own = t.nested("clientcert", "MvOwnTlsCertificateChain");
        return new MvTlsCredentials(
                chain(t.nested("cacert", "MvTlsCertificateChain")),
                new MvOwnTlsCertificateChain(
                        chain(own.nested("chain", "MvTlsCertificateChain")), own.sizedString("key")));
    }

    private static MvTlsCertificateChain chain(NativeStruct c) {
        int count = c.u32("num_certs");
        long array = c.pointer("certs");
        List<MvSizedString> certs = null;
        if (array != 0) {
            certs = new ArrayList<>();
            for (int i = 0; i < elementsToRead(count); i++) {
                certs.add(sizedStringAt(array, i));
            }
        }
        return new MvTlsCertificateChain(count, certs);
    }

    private static MvMqttWill will(long address) {
        NativeStruct w = NativeStruct.at(layout, "MvMqttWill", address);
        return new MvMqttWill(w.sizedString("topic"), w.sizedString("payload"), w.u32("qos"), w.u8("retain"));
    }

    private static MvSizedString sizedStringAt(long array, int index) {
        return NativeStruct.element(layout, "MvSizedString", array, index).sizedString();
    }

    private static int elementsToRead(int count) {
        return (int) Math.min(Integer.toUnsignedLong(count), MAX_ELEMENTS_READ);
    }

    private static ByteBuffer memory(long address, int length) {
        return address == 0 ? null : NativeMemory.declared(address, length);
    }

    private static void storeHandleIfOkay(MvStatus status, long pointer, U32Ref handle) {
        if (status == MvStatus.OKAY) {
            NativeMemory.storeHandle(pointer, handle);
        }
    }

    /**
     * The out-parameters of a subscribe or unsubscribe response. The codes array is the firmware's own
     * memory, sized for {@code reason_codes_size} codes of 4 bytes: that covers both readings of the
     * field (codes, as the guide and demos use it, or bytes, as the header words it).
     */
    private static final class CodesOut {
        final long statePtr;
        final long correlationPtr;
        final long lengthPtr;
        final U32Ref state;
        final U32Ref correlationId;
        final U32Ref length;
        final ByteBuffer codes;
        final int size;

        CodesOut(NativeStruct r) {
            statePtr = r.pointer("request_state");
            correlationPtr = r.pointer("correlation_id");
            lengthPtr = r.pointer("reason_codes_len");
            state = NativeMemory.u32In(statePtr);
            correlationId = NativeMemory.u32In(correlationPtr);
            length = NativeMemory.u32In(lengthPtr);
            size = r.u32("reason_codes_size");
            long codesPtr = r.pointer("reason_codes");
            long bytes = Math.min(4 * Integer.toUnsignedLong(size), Integer.MAX_VALUE);
            codes = codesPtr == 0 ? null : NativeMemory.at(codesPtr, (int) bytes);
        }

        void store() {
            NativeMemory.storeU32(statePtr, state);
            NativeMemory.storeU32(correlationPtr, correlationId);
            NativeMemory.storeU32(lengthPtr, length);
        }
    }

    // ---- Calls into C --------------------------------------------------------------------------

    /** The implementation pended {@code irq}: run the firmware's handler for it (on this, the dispatcher's thread). */
    private static void pendIrq(int irq) {
        dispatchIrq(irq);
    }

    private static native void dispatchIrq(int irq);

    /** A bridge bug is reported on stderr and answered INTERNALERROR, never thrown into C. */
    private static int guard(Supplier<MvStatus> call) {
        try {
            return call.get().code();
        } catch (RuntimeException e) {
            System.err.println("libmvhost: bridge failure: " + e);
            return MvStatus.INTERNALERROR.code();
        }
    }
}
