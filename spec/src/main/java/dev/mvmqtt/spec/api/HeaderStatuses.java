package dev.mvmqtt.spec.api;

import static dev.mvmqtt.spec.api.codes.MvStatus.BUFFERALREADYINUSE;
import static dev.mvmqtt.spec.api.codes.MvStatus.CHANNELCLOSED;
import static dev.mvmqtt.spec.api.codes.MvStatus.INVALIDAUTHENTICATION;
import static dev.mvmqtt.spec.api.codes.MvStatus.INVALIDBUFFERALIGNMENT;
import static dev.mvmqtt.spec.api.codes.MvStatus.INVALIDBUFFERSIZE;
import static dev.mvmqtt.spec.api.codes.MvStatus.INVALIDHANDLE;
import static dev.mvmqtt.spec.api.codes.MvStatus.INVALIDINTERRUPT;
import static dev.mvmqtt.spec.api.codes.MvStatus.LATEFAULT;
import static dev.mvmqtt.spec.api.codes.MvStatus.NETWORKNOTCONNECTED;
import static dev.mvmqtt.spec.api.codes.MvStatus.OKAY;
import static dev.mvmqtt.spec.api.codes.MvStatus.PARAMETERFAULT;
import static dev.mvmqtt.spec.api.codes.MvStatus.RATELIMITED;
import static dev.mvmqtt.spec.api.codes.MvStatus.REQUESTALREADYSENT;
import static dev.mvmqtt.spec.api.codes.MvStatus.REQUIREDELEMENTMISSING;
import static dev.mvmqtt.spec.api.codes.MvStatus.RESPONSENOTPRESENT;
import static dev.mvmqtt.spec.api.codes.MvStatus.TOOMANYCHANNELS;
import static dev.mvmqtt.spec.api.codes.MvStatus.TOOMANYELEMENTS;
import static dev.mvmqtt.spec.api.codes.MvStatus.TOOMANYNOTIFICATIONBUFFERS;
import static dev.mvmqtt.spec.api.codes.MvStatus.UNAVAILABLE;
import static dev.mvmqtt.spec.api.codes.MvStatus.UNKNOWNCHANNELENDPOINT;
import static dev.mvmqtt.spec.api.codes.MvStatus.UNKNOWNCHANNELTYPE;
import static dev.mvmqtt.spec.api.codes.MvStatus.UNSUPPORTEDSTRUCTUREVERSION;
import static dev.mvmqtt.spec.api.codes.MvStatus.WRONGDATAREQUESTED;

import dev.mvmqtt.spec.api.codes.MvStatus;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statuses each call may answer (GEN-STATUS-1): OKAY and the header's own list for that call, plus, for the
 * read calls, the two the catalogue declares for a read made when nothing (READ-REF-2) or another item (READ-REF-1)
 * is next, which the header's lists do not cover. {@link Microvisor}'s {@code @return} lines say the same.
 */
public final class HeaderStatuses {
    private static final Map<String, Set<MvStatus>> BY_CALL = new LinkedHashMap<>();

    static {
        BY_CALL.put(
                "mvSetupNotifications",
                Set.of(
                        OKAY,
                        PARAMETERFAULT,
                        INVALIDBUFFERSIZE,
                        BUFFERALREADYINUSE,
                        INVALIDINTERRUPT,
                        TOOMANYNOTIFICATIONBUFFERS));
        BY_CALL.put("mvCloseNotifications", Set.of(OKAY, PARAMETERFAULT, INVALIDHANDLE));
        BY_CALL.put("mvRequestNetwork", Set.of(OKAY, PARAMETERFAULT, UNSUPPORTEDSTRUCTUREVERSION));
        BY_CALL.put("mvGetNetworkStatus", Set.of(OKAY, PARAMETERFAULT, INVALIDHANDLE));
        BY_CALL.put("mvReleaseNetwork", Set.of(OKAY, PARAMETERFAULT, INVALIDHANDLE));
        BY_CALL.put(
                "mvOpenChannel",
                Set.of(
                        OKAY,
                        PARAMETERFAULT,
                        INVALIDHANDLE,
                        INVALIDBUFFERALIGNMENT,
                        INVALIDBUFFERSIZE,
                        UNKNOWNCHANNELENDPOINT,
                        UNKNOWNCHANNELTYPE,
                        NETWORKNOTCONNECTED,
                        RATELIMITED,
                        UNAVAILABLE,
                        TOOMANYCHANNELS));
        BY_CALL.put("mvCloseChannel", Set.of(OKAY, PARAMETERFAULT, INVALIDHANDLE));
        BY_CALL.put("mvGetChannelClosureReason", Set.of(OKAY, PARAMETERFAULT, INVALIDHANDLE));
        BY_CALL.put("mvMqttGetNextReadableDataType", Set.of(OKAY, PARAMETERFAULT, INVALIDHANDLE, CHANNELCLOSED));
        BY_CALL.put(
                "mvMqttRequestConnect",
                Set.of(
                        OKAY,
                        PARAMETERFAULT,
                        LATEFAULT,
                        INVALIDHANDLE,
                        CHANNELCLOSED,
                        REQUESTALREADYSENT,
                        INVALIDAUTHENTICATION,
                        TOOMANYELEMENTS,
                        REQUIREDELEMENTMISSING));
        BY_CALL.put("mvMqttReadConnectResponse", read(OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED));
        BY_CALL.put(
                "mvMqttRequestSubscribe",
                Set.of(OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED, RATELIMITED, TOOMANYELEMENTS));
        BY_CALL.put(
                "mvMqttReadSubscribeResponse",
                read(OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED, INVALIDBUFFERSIZE));
        BY_CALL.put("mvMqttRequestUnsubscribe", BY_CALL.get("mvMqttRequestSubscribe"));
        BY_CALL.put("mvMqttReadUnsubscribeResponse", BY_CALL.get("mvMqttReadSubscribeResponse"));
        BY_CALL.put(
                "mvMqttRequestPublish",
                Set.of(OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED, RATELIMITED));
        BY_CALL.put("mvMqttReadPublishResponse", read(OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED));
        BY_CALL.put(
                "mvMqttReceiveMessage",
                read(OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED, INVALIDBUFFERSIZE));
        BY_CALL.put("mvMqttReceiveLostMessageInfo", BY_CALL.get("mvMqttReceiveMessage"));
        BY_CALL.put("mvMqttAcknowledgeMessage", Set.of(OKAY, INVALIDHANDLE, CHANNELCLOSED, RATELIMITED));
        BY_CALL.put("mvMqttRequestDisconnect", Set.of(OKAY, INVALIDHANDLE, CHANNELCLOSED, RATELIMITED));
        BY_CALL.put(
                "mvMqttReadDisconnectResponse", read(OKAY, PARAMETERFAULT, LATEFAULT, INVALIDHANDLE, CHANNELCLOSED));
    }

    private HeaderStatuses() {}

    /** A read call's list: the header's, plus WRONGDATAREQUESTED (READ-REF-1) and RESPONSENOTPRESENT (READ-REF-2). */
    private static Set<MvStatus> read(MvStatus... headers) {
        Set<MvStatus> all = new LinkedHashSet<>(List.of(headers));
        all.add(WRONGDATAREQUESTED);
        all.add(RESPONSENOTPRESENT);
        return Set.copyOf(all);
    }

    /** Every status {@code call} may answer; throws for a name that is no header call. */
    public static Set<MvStatus> of(String call) {
        Set<MvStatus> statuses = BY_CALL.get(call);
        if (statuses == null) {
            throw new IllegalArgumentException("not a header call: " + call);
        }
        return statuses;
    }

    /** The header calls, in the header's order. */
    public static Set<String> calls() {
        return BY_CALL.keySet();
    }
}
