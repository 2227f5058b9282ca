package dev.mvmqtt.spec.api;

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
import java.util.Optional;

/**
 * The Microvisor system calls that MQTT needs, one method per call of {@code mv_syscalls.h}, under
 * the call's C name and in the header's groups: notifications, network, channels, MQTT.
 *
 * <p>How C maps to Java:
 * <ul>
 *   <li>Every call returns its {@link MvStatus}; {@code OKAY} is success (CODE-STATUS-1). No call
 *       throws, whatever it is given (GEN-REF-3).</li>
 *   <li>Handles are 32-bit ints, never 0 (HANDLE-NONZERO-1), unique across kinds (HANDLE-REF-1);
 *       closing writes 0 through the handle (HANDLE-ZERO-1); 0, an unknown handle or one of the wrong
 *       kind answers INVALIDHANDLE (HANDLE-INVALID-1, HANDLE-REF-2). Calls that take a handle pointer
 *       take a {@link U32Ref}; calls that write through a pointer take a {@link U32Ref} or a response
 *       holder the implementation writes into.</li>
 *   <li>{@code null} where C passes a pointer is an illegal pointer: {@code PARAMETERFAULT} for an
 *       argument (GEN-FAULT-1); for a pointer nested in a response holder {@code LATEFAULT}, and in a
 *       request {@code PARAMETERFAULT} or {@code LATEFAULT} (GEN-FAULT-2). A request's LATEFAULT leaves the
 *       channel unusable (GEN-FAULT-3, GEN-REF-2); a read's consumes nothing (GEN-REF-6). Structures the
 *       header holds by value (the connect request's authentication) are never null.</li>
 *   <li>Each call answers only OKAY or a status its own {@code @return} list names, which is the header's
 *       list (GEN-STATUS-1), plus WRONGDATAREQUESTED and RESPONSENOTPRESENT for the read calls.</li>
 *   <li>Application memory (notification rings, channel buffers, the buffers of response and message
 *       holders) is a {@link java.nio.ByteBuffer}: its region [0, capacity), used at absolute indexes, so
 *       its position does not matter. It must be writable with its limit at its capacity
 *       ({@link ApplicationMemory#usable}); a read-only buffer, or one whose limit is below its capacity, is
 *       not memory the device can use and answers as a null pointer in its place would (GEN-REF-8).
 *       Alignment means the real address alignment, so pass direct buffers for rings and channel buffers;
 *       holders may use heap buffers.</li>
 * </ul>
 *
 * <p>Rules every MQTT request and read call is bound by, listed here once rather than at each method:
 * <ul>
 *   <li>A call that does not return {@code OKAY} issued nothing, so no notification or response follows
 *       it (GEN-REFUSED-1), and the request may be issued again (GEN-REFUSED-2).</li>
 *   <li>Every accepted request gets exactly one response (GEN-RESP-1), matched by correlation id
 *       (GEN-CORR-1); the connect-only request states never appear elsewhere (GEN-STATE-1); request
 *       states are the header's codes (CODE-STATE-1).</li>
 *   <li>A request made before any connect does not succeed (GEN-NOTCONN-1); the reference accepts it and
 *       answers NOTCONNECTED (GEN-REF-1).</li>
 *   <li>A successful read consumes its item (READ-CONSUME-1); the wrong read answers WRONGDATAREQUESTED
 *       (READ-REF-1), a read with nothing waiting RESPONSENOTPRESENT (READ-REF-2).</li>
 *   <li>Connection loss: requests in flight are answered NOTCONNECTED (LOSS-REF-1), later requests answer
 *       CHANNELCLOSED (LOSS-CLOSED-1), queued data stays readable (LOSS-REF-2). A circuit-breaker trip is
 *       such a loss, its requests in flight answered CONNECTIONCIRCUITBREAKER (LOSS-CB-1, LOSS-REF-6).</li>
 *   <li>Calls are thread-safe (GEN-REF-4).</li>
 * </ul>
 * The catalogue ({@code spec/catalogue.json}, loaded by {@code dev.mvmqtt.spec.catalogue.Catalogue})
 * holds every rule by id; each method below names the further rules it is bound by.
 *
 * <p>An instance is one device: independent of every other instance. {@link #close()} releases every
 * channel, client, thread and socket it holds. After it, every call answers at once and issues nothing, whatever its
 * arguments: INVALIDHANDLE, as every handle is gone, except {@link #mvRequestNetwork}, which answers PARAMETERFAULT
 * (its params name no open centre), and {@link #mvSetupNotifications}, which answers TOOMANYNOTIFICATIONBUFFERS (a
 * closed device has room for none) (GEN-REF-9).
 */
public interface Microvisor extends AutoCloseable {

    // ---- Notifications -------------------------------------------------------------------------

    /**
     * {@code mvSetupNotifications}: sets up a notification centre writing 16-byte records into the
     * application's ring and pending {@code irq} after each.
     *
     * <p>Catalogue: NOTIF-BUF-1, NOTIF-BUF-2, NOTIF-BUF-3, NOTIF-IRQ-2, LIMIT-NOTIF-1 (errors);
     * NOTIF-REC-1, NOTIF-RING-1, NOTIF-IRQ-1, NOTIF-REF-1, NOTIF-REF-2, CODE-EVENT-1 (records and ring);
     * GEN-REF-8 (the ring's memory).
     *
     * @param setup  irq, ring and ring size
     * @param handle receives the centre's handle
     * @return OKAY, PARAMETERFAULT, INVALIDBUFFERSIZE, BUFFERALREADYINUSE, INVALIDINTERRUPT or
     *         TOOMANYNOTIFICATIONBUFFERS
     */
    MvStatus mvSetupNotifications(MvNotificationSetup setup, U32Ref handle);

    /**
     * {@code mvCloseNotifications}: closes a centre and writes 0 through {@code handle}
     * (HANDLE-ZERO-1); the centre no longer counts towards the limit.
     *
     * <p>Catalogue: HANDLE-ZERO-1, LIMIT-NOTIF-1; NOTIF-CLOSE-1, NOTIF-CLOSE-2 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE
     */
    MvStatus mvCloseNotifications(U32Ref handle);

    /**
     * Registers the application's handler for {@code irq}: the stand-in for the NVIC vector table
     * (not a header call). The implementation calls it after writing a record to a centre set up with
     * that irq. A later registration replaces an earlier one; {@code null} removes it.
     *
     * <p>Catalogue: NOTIF-IRQ-1; NOTIF-CLOSE-1 (rules added on the evidence review).
     */
    void registerIrqHandler(int irq, IrqHandler handler);

    // ---- Network -------------------------------------------------------------------------------

    /**
     * {@code mvRequestNetwork}: asks for the network; status changes are notified to the given centre.
     *
     * <p>Catalogue: NET-VERSION-1, NET-STATUS-1, NET-NOTIF-1, NOTIF-REC-1; NET-REF-1 (rules added on the
     * evidence review).
     *
     * @return OKAY, PARAMETERFAULT or UNSUPPORTEDSTRUCTUREVERSION
     */
    MvStatus mvRequestNetwork(MvRequestNetworkParams params, U32Ref handle);

    /**
     * {@code mvGetNetworkStatus}: writes an {@code MvNetworkStatus} code.
     *
     * <p>Catalogue: NET-STATUS-1, NET-NOTIF-1, CODE-NETSTATUS-1.
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE
     */
    MvStatus mvGetNetworkStatus(int networkHandle, U32Ref status);

    /**
     * {@code mvReleaseNetwork}: releases the network and writes 0 through {@code handle}.
     *
     * <p>Catalogue: HANDLE-ZERO-1, HANDLE-INVALID-1.
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE
     */
    MvStatus mvReleaseNetwork(U32Ref handle);

    // ---- Channels ------------------------------------------------------------------------------

    /**
     * {@code mvOpenChannel}: opens a data channel; for MQTT, buffers are 512-byte multiples at
     * 512-byte aligned addresses, at most 4 channels are open, and more than 8 calls within a second
     * answer RATELIMITED.
     *
     * <p>Catalogue: CHAN-BUF-1, CHAN-BUF-2, CHAN-BUF-3, CHAN-REF-1, CHAN-REF-2, CHAN-REF-3, CHAN-REF-4, GEN-REF-8
     * (buffers); CHAN-HANDLE-1, CHAN-TYPE-1, CHAN-REF-5, CHAN-REF-6, CODE-CHANTYPE-1, CHAN-NET-1 (handles,
     * type, endpoint, network); LIMIT-CHAN-1, LIMIT-OPEN-1, LIMIT-REF-6 (limits); NOTIF-REC-1,
     * NOTIF-EVT-1, LOSS-NOTIF-1 (the channel's notifications); LOST-REF-1, LOSS-REF-5, LOSS-REF-7 (receive buffer,
     * inbound rate, unread messages); CHAN-REF-8 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT, INVALIDHANDLE, INVALIDBUFFERALIGNMENT, INVALIDBUFFERSIZE,
     *         UNKNOWNCHANNELENDPOINT, UNKNOWNCHANNELTYPE, NETWORKNOTCONNECTED, RATELIMITED,
     *         UNAVAILABLE or TOOMANYCHANNELS
     */
    MvStatus mvOpenChannel(MvOpenChannelParams params, U32Ref handle);

    /**
     * {@code mvCloseChannel}: closes a channel and writes 0 through {@code handle}; the channel no
     * longer counts towards the limit.
     *
     * <p>Catalogue: HANDLE-ZERO-1, LIMIT-CHAN-1; CHAN-CLOSE-1, CHAN-REF-7 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE
     */
    MvStatus mvCloseChannel(U32Ref handle);

    /**
     * {@code mvGetChannelClosureReason}: writes an {@code MvClosureReason} code.
     *
     * <p>Catalogue: LOSS-REASON-1, LOSS-REF-3, LOSS-REF-4, LOSS-REF-7, GEN-REF-2, CODE-CLOSURE-1;
     * CHAN-CLOSE-1, CHAN-REF-7, LOSS-NET-1 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE
     */
    MvStatus mvGetChannelClosureReason(int channelHandle, U32Ref reason);

    // ---- MQTT ----------------------------------------------------------------------------------

    /**
     * {@code mvMqttGetNextReadableDataType}: writes the {@code MvMqttReadableDataType} waiting next.
     *
     * <p>Catalogue: READ-CONN-1, READ-SUB-1, READ-UNSUB-1, READ-PUB-1, READ-DISC-1, READ-MSG-1,
     * READ-LOST-1, READ-REF-3, READ-REF-4, NOTIF-EVT-1, CODE-DATATYPE-1.
     *
     * @return OKAY, PARAMETERFAULT, INVALIDHANDLE or CHANNELCLOSED
     */
    MvStatus mvMqttGetNextReadableDataType(int channelHandle, U32Ref dataType);

    /**
     * {@code mvMqttRequestConnect}: one connect per channel lifetime.
     *
     * <p>Catalogue: CONN-ONCE-1, CONN-REF-1, CONN-REF-3, CONN-ELEM-1, CONN-ELEM-2, CONN-REF-5,
     * LIMIT-CERT-1 (refusals); CONN-OK-1, CONN-VER-1, CONN-NXDOMAIN-1, CONN-SOCKET-1, CONN-REF-2,
     * CONN-REF-4, READ-CONN-1, CODE-VERSION-1 (outcomes); AUTH-UP-1, AUTH-NONE-1, AUTH-EXCL-1, AUTH-REF-1,
     * AUTH-REF-2, CODE-AUTH-1 (authentication); TLS-PLAIN-1, TLS-OK-1, TLS-MUTUAL-1, TLS-CA-1,
     * TLS-EXPIRED-1, TLS-ELEM-1, TLS-REF-1, TLS-REF-2, TLS-REF-6, TLS-REF-7 (TLS); WILL-UNEXP-1, WILL-FIELDS-1, WILL-GRACE-1,
     * WILL-ELEM-1, WILL-ELEM-2, QOS-TWO-1, QOS-REF-3 (will); SESS-ZERO-1, SESS-ZERO-2, SESS-CLEAN-1,
     * SESS-PERSIST-1, SESS-PERSIST-2, SESS-REF-1 (client id and sessions);
     * GEN-FAULT-3, CONN-OK-2, CONN-REF-6, TLS-REF-3, TLS-REF-4, TLS-REF-5, SESS-REF-2, LOSS-NET-1 (rules added on
     * the evidence review).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED, REQUESTALREADYSENT,
     *         INVALIDAUTHENTICATION, TOOMANYELEMENTS or REQUIREDELEMENTMISSING
     */
    MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request);

    /**
     * {@code mvMqttReadConnectResponse}.
     *
     * <p>Catalogue: READ-CONN-1, CONN-OK-1, CONN-NXDOMAIN-1, CONN-SOCKET-1, CONN-REF-1, CONN-REF-2,
     * CONN-REF-4, AUTH-UP-1, AUTH-NONE-1, AUTH-REF-2, TLS-PLAIN-1, TLS-OK-1, TLS-MUTUAL-1, TLS-CA-1,
     * TLS-EXPIRED-1, TLS-REF-1, TLS-REF-2, SESS-ZERO-1, SESS-ZERO-2, QOS-REF-3 (the connect outcomes it
     * reports); CONN-OK-2, CONN-REF-6, TLS-REF-3, TLS-REF-4, TLS-REF-5, GEN-REF-7, TLS-REF-6, TLS-REF-7 (rules added
     * on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE or CHANNELCLOSED
     */
    MvStatus mvMqttReadConnectResponse(int channelHandle, MvMqttConnectResponse response);

    /**
     * {@code mvMqttRequestSubscribe}: up to 8 topics, QoS 0 or 1.
     *
     * <p>Catalogue: LIMIT-TOPICS-1, LIMIT-REF-2 (refusals); SUB-DELIV-1, SUB-RESP-1, SUB-OPTS-1,
     * SUB-REF-1, SUB-REF-3, SUB-REF-4, READ-SUB-1, QOS-TWO-1, QOS-REF-2, SESS-PERSIST-1;
     * GEN-FAULT-3, SUB-ONE-1 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED, RATELIMITED or
     *         TOOMANYELEMENTS
     */
    MvStatus mvMqttRequestSubscribe(int channelHandle, MvMqttSubscribeRequest request);

    /**
     * {@code mvMqttReadSubscribeResponse}: one 32-bit reason code per topic in request order.
     *
     * <p>Catalogue: READ-SUB-1, SUB-RESP-1, SUB-RESP-2, SUB-REF-1, SUB-REF-2, SUB-REF-3, SUB-REF-4,
     * SUB-DELIV-1, QOS-REF-2, LIMIT-REF-2, READ-REF-4;
     * SUB-RESP-3, SUB-RESP-4, SUB-ONE-1, GEN-REF-6, GEN-REF-8, GEN-REF-7 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED or INVALIDBUFFERSIZE
     */
    MvStatus mvMqttReadSubscribeResponse(int channelHandle, MvMqttSubscribeResponse response);

    /**
     * {@code mvMqttRequestUnsubscribe}.
     *
     * <p>Catalogue: LIMIT-TOPICS-2, LIMIT-REF-3 (refusals); UNSUB-OK-1, UNSUB-RESP-1, UNSUB-REF-1,
     * READ-UNSUB-1; GEN-FAULT-3 (rules added on the evidence review).
     *
     * @return as {@link #mvMqttRequestSubscribe}
     */
    MvStatus mvMqttRequestUnsubscribe(int channelHandle, MvMqttUnsubscribeRequest request);

    /**
     * {@code mvMqttReadUnsubscribeResponse}.
     *
     * <p>Catalogue: READ-UNSUB-1, UNSUB-RESP-1, UNSUB-RESP-2, UNSUB-REF-1, UNSUB-OK-1, SUB-REF-2,
     * LIMIT-REF-3; SUB-RESP-4, GEN-REF-6, GEN-REF-8 (rules added on the evidence review).
     *
     * @return as {@link #mvMqttReadSubscribeResponse}
     */
    MvStatus mvMqttReadUnsubscribeResponse(int channelHandle, MvMqttUnsubscribeResponse response);

    /**
     * {@code mvMqttRequestPublish}: QoS 0 or 1, the correlation id comes back in the response.
     *
     * <p>Catalogue: LIMIT-REF-1 (refusal); PUB-OK-1, PUB-QOS-1, PUB-RETAIN-1, PUB-REF-1, PUB-REF-2,
     * READ-PUB-1, QOS-TWO-1, QOS-REF-1, DISC-REF-1; GEN-FAULT-3 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED or RATELIMITED
     */
    MvStatus mvMqttRequestPublish(int channelHandle, MvMqttPublishRequest request);

    /**
     * {@code mvMqttReadPublishResponse}.
     *
     * <p>Catalogue: READ-PUB-1, PUB-OK-1, PUB-RESP-1, PUB-REF-1, PUB-REF-2, QOS-REF-1, DISC-REF-1,
     * LIMIT-REF-1; GEN-REF-7 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE or CHANNELCLOSED
     */
    MvStatus mvMqttReadPublishResponse(int channelHandle, MvMqttPublishResponse response);

    /**
     * {@code mvMqttReceiveMessage}: writes the waiting message into the caller's buffers.
     *
     * <p>Catalogue: READ-MSG-1, RECV-MSG-1, RECV-QOS-1, RECV-RETAIN-1, RECV-SIZE-1, RECV-REF-1,
     * RECV-REF-2, SUB-DELIV-1, ACK-QOS-1, ACK-REF-1, SESS-PERSIST-2, LOSS-REF-5, LOSS-REF-7, READ-REF-4;
     * GEN-REF-6, GEN-REF-8 (rules added on the evidence review).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED or INVALIDBUFFERSIZE
     */
    MvStatus mvMqttReceiveMessage(int channelHandle, MvMqttMessage message);

    /**
     * {@code mvMqttReceiveLostMessageInfo}: why a message was lost, its topic and needed length.
     *
     * <p>Catalogue: READ-LOST-1, LOST-MSG-1, LOST-SIZE-1, LOST-REF-1, LOST-REF-2, CODE-LOSTREASON-1;
     * GEN-REF-6, GEN-REF-8 (rules added on the evidence review).
     *
     * @return as {@link #mvMqttReceiveMessage}
     */
    MvStatus mvMqttReceiveLostMessageInfo(int channelHandle, MvMqttLostMessageInfo info);

    /**
     * {@code mvMqttAcknowledgeMessage}: acknowledges a received QoS 1 message to the broker; there is
     * no response.
     *
     * <p>Catalogue: ACK-QOS-1, ACK-NORESP-1, ACK-REF-1, ACK-REF-2, ACK-REF-3, RECV-REF-2, LIMIT-REF-5.
     *
     * @return OKAY, INVALIDHANDLE, CHANNELCLOSED or RATELIMITED
     */
    MvStatus mvMqttAcknowledgeMessage(int channelHandle, int correlationId);

    /**
     * {@code mvMqttRequestDisconnect}: graceful disconnect; the will is discarded.
     *
     * <p>Catalogue: LIMIT-REF-4 (refusal); DISC-OK-1, DISC-REF-1, DISC-REF-2, READ-DISC-1, WILL-GRACE-1.
     *
     * @return OKAY, INVALIDHANDLE, CHANNELCLOSED or RATELIMITED
     */
    MvStatus mvMqttRequestDisconnect(int channelHandle);

    /**
     * {@code mvMqttReadDisconnectResponse}.
     *
     * <p>Catalogue: READ-DISC-1, DISC-OK-1, DISC-REF-1, DISC-REF-2, WILL-GRACE-1, LIMIT-REF-4.
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE or CHANNELCLOSED
     */
    MvStatus mvMqttReadDisconnectResponse(int channelHandle, MvMqttDisconnectResponse response);

    // ---- Beyond the header ---------------------------------------------------------------------

    /**
     * The device's network link, for implementations that can take it down and up (the reference
     * can; a wrapper around real hardware may not). Tests of NETWORKNOTCONNECTED and
     * NETWORKSTATUSCHANGED skip with a reason when this is empty.
     *
     * <p>Catalogue: CHAN-NET-1, NET-NOTIF-1, LOSS-REF-3 need it.
     */
    default Optional<NetworkLink> networkLink() {
        return Optional.empty();
    }

    /**
     * Releases every channel, client, thread and socket. Idempotent; never throws. Later calls answer as the
     * interface's description says (INVALIDHANDLE, PARAMETERFAULT or TOOMANYNOTIFICATIONBUFFERS).
     *
     * <p>Catalogue: GEN-REF-5, GEN-REF-9.
     */
    @Override
    void close();
}
