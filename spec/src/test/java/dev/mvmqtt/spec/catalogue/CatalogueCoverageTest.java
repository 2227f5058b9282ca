package dev.mvmqtt.spec.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The catalogue covers what issue 2 asks for: every synchronous error the header lists per call
 * (spec-facts.md's table, copied here), every request state, and every readable data type with its
 * read call.
 */
class CatalogueCoverageTest {
    private final Catalogue catalogue = Catalogue.load();

    /** spec-facts.md, "Calls": the synchronous errors the header lists per call. */
    private static final Map<String, List<String>> SYNC_ERRORS = new LinkedHashMap<>();

    static {
        SYNC_ERRORS.put(
                "mvSetupNotifications",
                List.of(
                        "PARAMETERFAULT",
                        "INVALIDBUFFERSIZE",
                        "BUFFERALREADYINUSE",
                        "INVALIDINTERRUPT",
                        "TOOMANYNOTIFICATIONBUFFERS"));
        SYNC_ERRORS.put("mvCloseNotifications", List.of("PARAMETERFAULT", "INVALIDHANDLE"));
        SYNC_ERRORS.put("mvRequestNetwork", List.of("PARAMETERFAULT", "UNSUPPORTEDSTRUCTUREVERSION"));
        SYNC_ERRORS.put("mvGetNetworkStatus", List.of("PARAMETERFAULT", "INVALIDHANDLE"));
        SYNC_ERRORS.put("mvReleaseNetwork", List.of("PARAMETERFAULT", "INVALIDHANDLE"));
        SYNC_ERRORS.put(
                "mvOpenChannel",
                List.of(
                        "PARAMETERFAULT",
                        "INVALIDHANDLE",
                        "INVALIDBUFFERALIGNMENT",
                        "INVALIDBUFFERSIZE",
                        "UNKNOWNCHANNELENDPOINT",
                        "UNKNOWNCHANNELTYPE",
                        "NETWORKNOTCONNECTED",
                        "RATELIMITED",
                        "UNAVAILABLE",
                        "TOOMANYCHANNELS"));
        SYNC_ERRORS.put("mvCloseChannel", List.of("PARAMETERFAULT", "INVALIDHANDLE"));
        SYNC_ERRORS.put("mvGetChannelClosureReason", List.of("PARAMETERFAULT", "INVALIDHANDLE"));
        SYNC_ERRORS.put("mvMqttGetNextReadableDataType", List.of("PARAMETERFAULT", "INVALIDHANDLE", "CHANNELCLOSED"));
        SYNC_ERRORS.put(
                "mvMqttRequestConnect",
                List.of(
                        "PARAMETERFAULT",
                        "LATEFAULT",
                        "INVALIDHANDLE",
                        "CHANNELCLOSED",
                        "REQUESTALREADYSENT",
                        "INVALIDAUTHENTICATION",
                        "TOOMANYELEMENTS",
                        "REQUIREDELEMENTMISSING"));
        SYNC_ERRORS.put(
                "mvMqttReadConnectResponse", List.of("PARAMETERFAULT", "LATEFAULT", "INVALIDHANDLE", "CHANNELCLOSED"));
        SYNC_ERRORS.put(
                "mvMqttRequestSubscribe",
                List.of(
                        "PARAMETERFAULT",
                        "LATEFAULT",
                        "INVALIDHANDLE",
                        "CHANNELCLOSED",
                        "RATELIMITED",
                        "TOOMANYELEMENTS"));
        SYNC_ERRORS.put(
                "mvMqttReadSubscribeResponse",
                List.of("PARAMETERFAULT", "LATEFAULT", "INVALIDHANDLE", "CHANNELCLOSED", "INVALIDBUFFERSIZE"));
        SYNC_ERRORS.put(
                "mvMqttRequestUnsubscribe",
                List.of(
                        "PARAMETERFAULT",
                        "LATEFAULT",
                        "INVALIDHANDLE",
                        "CHANNELCLOSED",
                        "RATELIMITED",
                        "TOOMANYELEMENTS"));
        SYNC_ERRORS.put(
                "mvMqttReadUnsubscribeResponse",
                List.of("PARAMETERFAULT", "LATEFAULT", "INVALIDHANDLE", "CHANNELCLOSED", "INVALIDBUFFERSIZE"));
        SYNC_ERRORS.put(
                "mvMqttRequestPublish",
                List.of("PARAMETERFAULT", "LATEFAULT", "INVALIDHANDLE", "CHANNELCLOSED", "RATELIMITED"));
        SYNC_ERRORS.put(
                "mvMqttReadPublishResponse", List.of("PARAMETERFAULT", "LATEFAULT", "INVALIDHANDLE", "CHANNELCLOSED"));
        SYNC_ERRORS.put(
                "mvMqttReceiveMessage",
                List.of("PARAMETERFAULT", "LATEFAULT", "INVALIDHANDLE", "CHANNELCLOSED", "INVALIDBUFFERSIZE"));
        SYNC_ERRORS.put(
                "mvMqttReceiveLostMessageInfo",
                List.of("PARAMETERFAULT", "LATEFAULT", "INVALIDHANDLE", "CHANNELCLOSED", "INVALIDBUFFERSIZE"));
        SYNC_ERRORS.put("mvMqttAcknowledgeMessage", List.of("INVALIDHANDLE", "CHANNELCLOSED", "RATELIMITED"));
        SYNC_ERRORS.put("mvMqttRequestDisconnect", List.of("INVALIDHANDLE", "CHANNELCLOSED", "RATELIMITED"));
        SYNC_ERRORS.put(
                "mvMqttReadDisconnectResponse",
                List.of("PARAMETERFAULT", "LATEFAULT", "INVALIDHANDLE", "CHANNELCLOSED"));
    }

    /** The read call for each readable data type (NONE has none: READ-REF-3). */
    private static final Map<String, String> READ_CALLS = Map.of(
            "MESSAGERECEIVED", "mvMqttReceiveMessage",
            "MESSAGELOST", "mvMqttReceiveLostMessageInfo",
            "CONNECTRESPONSE", "mvMqttReadConnectResponse",
            "SUBSCRIBERESPONSE", "mvMqttReadSubscribeResponse",
            "UNSUBSCRIBERESPONSE", "mvMqttReadUnsubscribeResponse",
            "PUBLISHRESPONSE", "mvMqttReadPublishResponse",
            "DISCONNECTRESPONSE", "mvMqttReadDisconnectResponse");

    private static boolean mentions(Assertion a, String word) {
        return Pattern.compile("\\b" + word + "\\b").matcher(a.statement()).find();
    }

    @Test
    void everySynchronousErrorOfEveryCallHasARule() {
        List<String> missing = new ArrayList<>();
        SYNC_ERRORS.forEach((call, errors) -> {
            for (String error : errors) {
                if (catalogue.naming(call).stream().noneMatch(a -> mentions(a, error))) {
                    missing.add(call + " " + error);
                }
            }
        });
        assertThat(missing)
                .as("call and error with no rule naming the call whose statement says the error")
                .isEmpty();
    }

    @Test
    void everyRequestStateHasARuleSayingWhenItOccurs() {
        List<String> missing = new ArrayList<>();
        for (MvMqttRequestState state : MvMqttRequestState.values()) {
            if (catalogue.assertions().stream()
                    .noneMatch(a -> !a.group().equals("CODE") && mentions(a, state.name()))) {
                missing.add(state.name());
            }
        }
        assertThat(missing).as("request states no rule outside CODE-* names").isEmpty();
    }

    @Test
    void everyReadableDataTypeHasARuleWithItsReadCall() {
        List<String> missing = new ArrayList<>();
        for (MvMqttReadableDataType type : MvMqttReadableDataType.values()) {
            String readCall = READ_CALLS.getOrDefault(type.name(), "mvMqttGetNextReadableDataType");
            if (catalogue.inGroup("READ").stream()
                    .noneMatch(a -> mentions(a, type.name())
                            && a.calls().containsAll(List.of("mvMqttGetNextReadableDataType", readCall)))) {
                missing.add(type.name() + " with " + readCall);
            }
        }
        assertThat(missing)
                .as("readable data types with no READ rule naming the type and its read call")
                .isEmpty();
    }

    @Test
    void everyEnumerationHasACodeRule() {
        assertThat(catalogue.inGroup("CODE"))
                .extracting(Assertion::id)
                .containsExactlyInAnyOrder(
                        "CODE-STATUS-1",
                        "CODE-STATE-1",
                        "CODE-DATATYPE-1",
                        "CODE-VERSION-1",
                        "CODE-AUTH-1",
                        "CODE-CHANTYPE-1",
                        "CODE-EVENT-1",
                        "CODE-NETSTATUS-1",
                        "CODE-CLOSURE-1",
                        "CODE-LOSTREASON-1");
    }

    @Test
    void theLimitsOfTheHeaderAreRules() {
        Map<String, String> limits = Map.of(
                "LIMIT-CHAN-1", "4 channels",
                "LIMIT-NOTIF-1", "32 notification centres",
                "LIMIT-TOPICS-1", "more than 8 subscriptions",
                "LIMIT-TOPICS-2", "more than 8 topics",
                "LIMIT-CERT-1", "more than 8 certificates",
                "LIMIT-OPEN-1", "the ninth answers RATELIMITED");
        limits.forEach((id, phrase) -> assertThat(catalogue.byId(id))
                .hasValueSatisfying(a -> assertThat(a.statement()).contains(phrase)));
    }
}
