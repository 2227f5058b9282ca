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
 *   <li>Every call returns its {@link MvStatus}; {@code OKAY} is success. No call throws, whatever
 *       it is given (catalogue GEN-NOTHROW-1).</li>
 *   <li>Handles are 32-bit ints, never 0 (HANDLE-*). Calls that take a handle pointer take a
 *       {@link U32Ref}; calls that write through a pointer take a {@link U32Ref} or a response
 *       holder the implementation writes into.</li>
 *   <li>{@code null} where C passes a pointer is an illegal pointer: {@code PARAMETERFAULT} for an
 *       argument, {@code LATEFAULT} for a pointer nested in a structure (GEN-FAULT-*).</li>
 *   <li>Application memory (notification rings, channel buffers) is a {@link java.nio.ByteBuffer};
 *       alignment means the real address alignment, so pass direct buffers.</li>
 * </ul>
 *
 * <p>Rules every call is bound by: a call that does not return {@code OKAY} issued nothing, so no
 * notification or response follows it (GEN-REFUSED-1); every accepted MQTT request gets exactly one
 * response (GEN-RESP-1). The catalogue ({@code spec/catalogue.json}) holds every rule by id.
 *
 * <p>An instance is one device: independent of every other instance. {@link #close()} releases every
 * channel, client, thread and socket it holds.
 */
public interface Microvisor extends AutoCloseable {

    // ---- Notifications -------------------------------------------------------------------------

    /**
     * {@code mvSetupNotifications}: sets up a notification centre writing 16-byte records into the
     * application's ring and pending {@code irq} after each.
     *
     * @param setup  irq, ring and ring size
     * @param handle receives the centre's handle
     * @return OKAY, PARAMETERFAULT, INVALIDBUFFERSIZE, BUFFERALREADYINUSE, INVALIDINTERRUPT or
     *         TOOMANYNOTIFICATIONBUFFERS (NOTIF-*)
     */
    MvStatus mvSetupNotifications(MvNotificationSetup setup, U32Ref handle);

    /**
     * {@code mvCloseNotifications}: closes a centre and writes 0 through {@code handle} (HANDLE-ZERO-1).
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE (NOTIF-CLOSE-*)
     */
    MvStatus mvCloseNotifications(U32Ref handle);

    /**
     * Registers the application's handler for {@code irq}: the stand-in for the NVIC vector table
     * (not a header call). The implementation calls it after writing a record to a centre set up with
     * that irq (NOTIF-IRQ-1). A later registration replaces an earlier one; {@code null} removes it.
     */
    void registerIrqHandler(int irq, IrqHandler handler);

    // ---- Network -------------------------------------------------------------------------------

    /**
     * {@code mvRequestNetwork}: asks for the network; status changes are notified to the given centre.
     *
     * @return OKAY, PARAMETERFAULT or UNSUPPORTEDSTRUCTUREVERSION (NET-*)
     */
    MvStatus mvRequestNetwork(MvRequestNetworkParams params, U32Ref handle);

    /**
     * {@code mvGetNetworkStatus}: writes an {@code MvNetworkStatus} code.
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE (NET-STATUS-*)
     */
    MvStatus mvGetNetworkStatus(int networkHandle, U32Ref status);

    /**
     * {@code mvReleaseNetwork}: releases the network and writes 0 through {@code handle}.
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE (NET-RELEASE-*)
     */
    MvStatus mvReleaseNetwork(U32Ref handle);

    // ---- Channels ------------------------------------------------------------------------------

    /**
     * {@code mvOpenChannel}: opens a data channel; for MQTT, buffers are 512-byte multiples at
     * 512-byte aligned addresses (CHAN-BUF-*), at most 4 channels (LIMIT-CHAN-1), and more than 8
     * calls within a second answer RATELIMITED (LIMIT-OPEN-1).
     *
     * @return OKAY, PARAMETERFAULT, INVALIDHANDLE, INVALIDBUFFERALIGNMENT, INVALIDBUFFERSIZE,
     *         UNKNOWNCHANNELENDPOINT, UNKNOWNCHANNELTYPE, NETWORKNOTCONNECTED, RATELIMITED,
     *         UNAVAILABLE or TOOMANYCHANNELS (CHAN-*)
     */
    MvStatus mvOpenChannel(MvOpenChannelParams params, U32Ref handle);

    /**
     * {@code mvCloseChannel}: closes a channel and writes 0 through {@code handle}.
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE (CHAN-CLOSE-*)
     */
    MvStatus mvCloseChannel(U32Ref handle);

    /**
     * {@code mvGetChannelClosureReason}: writes an {@code MvClosureReason} code.
     *
     * @return OKAY, PARAMETERFAULT or INVALIDHANDLE (LOSS-*)
     */
    MvStatus mvGetChannelClosureReason(int channelHandle, U32Ref reason);

    // ---- MQTT ----------------------------------------------------------------------------------

    /**
     * {@code mvMqttGetNextReadableDataType}: writes the {@code MvMqttReadableDataType} waiting next.
     *
     * @return OKAY, PARAMETERFAULT, INVALIDHANDLE or CHANNELCLOSED (READ-*)
     */
    MvStatus mvMqttGetNextReadableDataType(int channelHandle, U32Ref dataType);

    /**
     * {@code mvMqttRequestConnect}: one connect per channel lifetime (CONN-ONCE-1).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED, REQUESTALREADYSENT,
     *         INVALIDAUTHENTICATION, TOOMANYELEMENTS or REQUIREDELEMENTMISSING (CONN-*, AUTH-*,
     *         TLS-*, WILL-*)
     */
    MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request);

    /**
     * {@code mvMqttReadConnectResponse}.
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE or CHANNELCLOSED (CONN-RESP-*)
     */
    MvStatus mvMqttReadConnectResponse(int channelHandle, MvMqttConnectResponse response);

    /**
     * {@code mvMqttRequestSubscribe}: up to 8 topics (LIMIT-TOPICS-1), QoS 0 or 1 (QOS-*).
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED, RATELIMITED or
     *         TOOMANYELEMENTS (SUB-*)
     */
    MvStatus mvMqttRequestSubscribe(int channelHandle, MvMqttSubscribeRequest request);

    /**
     * {@code mvMqttReadSubscribeResponse}: one 32-bit reason code per topic in request order.
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED or INVALIDBUFFERSIZE (SUB-RESP-*)
     */
    MvStatus mvMqttReadSubscribeResponse(int channelHandle, MvMqttSubscribeResponse response);

    /**
     * {@code mvMqttRequestUnsubscribe}.
     *
     * @return as {@link #mvMqttRequestSubscribe} (UNSUB-*)
     */
    MvStatus mvMqttRequestUnsubscribe(int channelHandle, MvMqttUnsubscribeRequest request);

    /**
     * {@code mvMqttReadUnsubscribeResponse}.
     *
     * @return as {@link #mvMqttReadSubscribeResponse} (UNSUB-RESP-*)
     */
    MvStatus mvMqttReadUnsubscribeResponse(int channelHandle, MvMqttUnsubscribeResponse response);

    /**
     * {@code mvMqttRequestPublish}: QoS 0 or 1 (QOS-*), the correlation id comes back in the response.
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED or RATELIMITED (PUB-*)
     */
    MvStatus mvMqttRequestPublish(int channelHandle, MvMqttPublishRequest request);

    /**
     * {@code mvMqttReadPublishResponse}.
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE or CHANNELCLOSED (PUB-RESP-*)
     */
    MvStatus mvMqttReadPublishResponse(int channelHandle, MvMqttPublishResponse response);

    /**
     * {@code mvMqttReceiveMessage}: writes the waiting message into the caller's buffers.
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED or INVALIDBUFFERSIZE (RECV-*)
     */
    MvStatus mvMqttReceiveMessage(int channelHandle, MvMqttMessage message);

    /**
     * {@code mvMqttReceiveLostMessageInfo}: why a message was lost, its topic and needed length.
     *
     * @return as {@link #mvMqttReceiveMessage} (LOST-*)
     */
    MvStatus mvMqttReceiveLostMessageInfo(int channelHandle, MvMqttLostMessageInfo info);

    /**
     * {@code mvMqttAcknowledgeMessage}: acknowledges a received QoS 1 message to the broker; there is
     * no response (ACK-*).
     *
     * @return OKAY, INVALIDHANDLE, CHANNELCLOSED or RATELIMITED
     */
    MvStatus mvMqttAcknowledgeMessage(int channelHandle, int correlationId);

    /**
     * {@code mvMqttRequestDisconnect}: graceful disconnect; the will is discarded (WILL-*).
     *
     * @return OKAY, INVALIDHANDLE, CHANNELCLOSED or RATELIMITED (DISC-*)
     */
    MvStatus mvMqttRequestDisconnect(int channelHandle);

    /**
     * {@code mvMqttReadDisconnectResponse}.
     *
     * @return OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE or CHANNELCLOSED (DISC-RESP-*)
     */
    MvStatus mvMqttReadDisconnectResponse(int channelHandle, MvMqttDisconnectResponse response);

    // ---- Beyond the header ---------------------------------------------------------------------

    /**
     * The device's network link, for implementations that can take it down and up (the reference
     * can; a wrapper around real hardware may not). Tests of NETWORKNOTCONNECTED and
     * NETWORKSTATUSCHANGED skip with a reason when this is empty.
     */
    default Optional<NetworkLink> networkLink() {
        return Optional.empty();
    }

    /** Releases every channel, client, thread and socket. Idempotent; never throws. */
    @Override
    void close();
}
