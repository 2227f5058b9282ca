package dev.mvmqtt.tck.broken.table;

import static dev.mvmqtt.tck.broken.table.Breaks.answers;
import static dev.mvmqtt.tck.broken.table.Breaks.custom;
import static dev.mvmqtt.tck.broken.table.Breaks.rewrites;
import static dev.mvmqtt.tck.broken.table.Breaks.spoils;
import static dev.mvmqtt.tck.broken.table.Breaks.states;
import static dev.mvmqtt.tck.broken.table.Breaks.swaps;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttAuthenticationMethod;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvNetworkStatus;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The table of generated broken implementations: one row per {@code must} rule, saying which call, on which input,
 * gets which wrong answer (a refusal answered OKAY, a wrong status or request state, a request rewritten on its way
 * to the reference, an output spoiled after it). The rows of one rule (or of one {@link Break#variant variant} of it)
 * make the implementation {@code broken-table-<rule>[-<variant>]}: the reference wrapped by the generic
 * {@link BreakingMicrovisor}. {@code BrokenImplementationsTest} runs the TCK tests naming the rule against each and
 * expects a failure blamed on that rule. Adding a rule's proof is one row.
 *
 * <p>The record rules (timestamps, tags, the irq after the record) are broken through {@link RingInterposer}, which
 * hand-writes the ring between reference and application; the older hand-written implementations in the parent
 * package break ordering and concurrency rules. {@link #NOT_BREAKABLE} names the {@code must} rules no
 * implementation can break, with the reason.
 */
public final class BreakTable {
    private BreakTable() {}

    /** {@code must} rules an implementation cannot violate, with why. */
    public static final Map<String, String> NOT_BREAKABLE = codeRules();

    private static Map<String, String> codeRules() {
        Map<String, String> m = new TreeMap<>();
        for (String id : List.of(
                "CODE-STATUS-1",
                "CODE-STATE-1",
                "CODE-DATATYPE-1",
                "CODE-VERSION-1",
                "CODE-AUTH-1",
                "CODE-CHANTYPE-1",
                "CODE-EVENT-1",
                "CODE-NETSTATUS-1",
                "CODE-CLOSURE-1",
                "CODE-LOSTREASON-1")) {
            m.put(id, "checks the kit's own API enumerations against the header, not the implementation's behaviour");
        }
        return Collections.unmodifiableMap(m);
    }

    // ---- predicates on the calls' arguments

    private static Predicate<Call> setup(Predicate<MvNotificationSetup> p) {
        return c -> c.arg(0) instanceof MvNotificationSetup s && p.test(s);
    }

    private static Predicate<Call> channel(Predicate<MvOpenChannelParams> p) {
        return c -> c.arg(0) instanceof MvOpenChannelParams s && p.test(s);
    }

    private static Predicate<Call> connect(Predicate<MvMqttConnectRequest> p) {
        return c -> c.arg(1) instanceof MvMqttConnectRequest r && p.test(r);
    }

    private static final String READ_TYPE = "mvMqttGetNextReadableDataType";

    /** Every row, in catalogue order. */
    public static final List<Break> ROWS = flatten(
            // ---- general call rules
            custom(
                    "GEN-REFUSED-2",
                    "mvMqttRequestSubscribe",
                    Breaks.ALWAYS,
                    c -> {
                        // after one refusal the channel refuses every later subscribe the same way
                        MvStatus earlier = c.state().get("refused");
                        if (earlier != null) {
                            return earlier;
                        }
                        MvStatus status = (MvStatus) c.proceed();
                        if (status != MvStatus.OKAY) {
                            c.state().put("refused", status);
                        }
                        return status;
                    },
                    "after a refused subscribe, every later subscribe on the device is refused the same way"),
            swaps("GEN-FAULT-1", "*", MvStatus.PARAMETERFAULT, MvStatus.OKAY),
            swaps("GEN-FAULT-2", "*", MvStatus.LATEFAULT, MvStatus.OKAY),
            spoils(
                    "GEN-NOTCONN-1",
                    "mvMqttReadSubscribeResponse",
                    Breaks.ALWAYS,
                    c -> {
                        MvMqttSubscribeResponse r = c.arg(1);
                        if (r.requestState().get() == MvMqttRequestState.NOTCONNECTED.code()) {
                            r.requestState().set(MvMqttRequestState.REQUESTCOMPLETED.code());
                        }
                    },
                    "a subscribe on a never-connected channel is answered REQUESTCOMPLETED instead of NOTCONNECTED"),

            // ---- handles
            swaps("HANDLE-INVALID-1", "*", MvStatus.INVALIDHANDLE, MvStatus.OKAY),

            // ---- notification centres
            swaps(
                    "NOTIF-BUF-1",
                    "mvSetupNotifications",
                    setup(s -> s.bufferSize() >= 32 && s.bufferSize() % 16 != 0),
                    MvStatus.INVALIDBUFFERSIZE,
                    MvStatus.OKAY),
            swaps(
                    "NOTIF-BUF-2",
                    "mvSetupNotifications",
                    setup(s -> s.bufferSize() < 32 && s.bufferSize() % 16 == 0),
                    MvStatus.INVALIDBUFFERSIZE,
                    MvStatus.OKAY),
            swaps("NOTIF-BUF-3", "mvSetupNotifications", MvStatus.BUFFERALREADYINUSE, MvStatus.OKAY),
            swaps("NOTIF-IRQ-2", "mvSetupNotifications", MvStatus.INVALIDINTERRUPT, MvStatus.OKAY),
            swaps("LIMIT-NOTIF-1", "mvSetupNotifications", MvStatus.TOOMANYNOTIFICATIONBUFFERS, MvStatus.OKAY),

            // ---- network
            swaps("NET-VERSION-1", "mvRequestNetwork", MvStatus.UNSUPPORTEDSTRUCTUREVERSION, MvStatus.OKAY),
            spoils(
                            "NET-STATUS-1",
                            "mvGetNetworkStatus",
                            Breaks.ALWAYS,
                            c -> {
                                // the status does not follow the link: once it has gone down, the network never reads
                                // CONNECTED again
                                U32Ref status = c.arg(1);
                                if (status.get() != MvNetworkStatus.CONNECTED.code()) {
                                    c.state().put("went-down", true);
                                } else if (Boolean.TRUE.equals(c.state().get("went-down"))) {
                                    status.set(MvNetworkStatus.CONNECTING.code());
                                }
                            },
                            "after the link went down once, the network reads CONNECTING for ever")
                    .variant("stuck"),

            // ---- channels
            swaps(
                    "CHAN-BUF-2",
                    "mvOpenChannel",
                    channel(p -> p.receiveBufferLen() % 512 != 0 || p.sendBufferLen() % 512 != 0),
                    MvStatus.INVALIDBUFFERSIZE,
                    MvStatus.OKAY),
            answers(
                    "CHAN-BUF-3",
                    "mvOpenChannel",
                    channel(p -> p.receiveBufferLen() == 1536 && p.sendBufferLen() == 1536),
                    MvStatus.INVALIDBUFFERSIZE,
                    "the guide's channel (1536-byte buffers) is refused INVALIDBUFFERSIZE"),
            swaps("CHAN-HANDLE-1", "mvOpenChannel", MvStatus.INVALIDHANDLE, MvStatus.OKAY),
            swaps("CHAN-TYPE-1", "mvOpenChannel", MvStatus.UNKNOWNCHANNELTYPE, MvStatus.UNAVAILABLE),
            swaps("CHAN-NET-1", "mvOpenChannel", MvStatus.NETWORKNOTCONNECTED, MvStatus.OKAY),
            swaps("LIMIT-CHAN-1", "mvOpenChannel", MvStatus.TOOMANYCHANNELS, MvStatus.OKAY),

            // ---- readable data types and reads
            answers(
                    "READ-CONN-1",
                    "mvMqttReadConnectResponse",
                    Breaks.ALWAYS,
                    MvStatus.RESPONSENOTPRESENT,
                    "a connect response is announced but reading it answers RESPONSENOTPRESENT"),
            answers(
                    "READ-SUB-1",
                    "mvMqttReadSubscribeResponse",
                    Breaks.ALWAYS,
                    MvStatus.RESPONSENOTPRESENT,
                    "a subscribe response is announced but reading it answers RESPONSENOTPRESENT"),
            answers(
                    "READ-UNSUB-1",
                    "mvMqttReadUnsubscribeResponse",
                    Breaks.ALWAYS,
                    MvStatus.RESPONSENOTPRESENT,
                    "an unsubscribe response is announced but reading it answers RESPONSENOTPRESENT"),
            answers(
                    "READ-PUB-1",
                    "mvMqttReadPublishResponse",
                    Breaks.ALWAYS,
                    MvStatus.RESPONSENOTPRESENT,
                    "a publish response is announced but reading it answers RESPONSENOTPRESENT"),
            answers(
                    "READ-DISC-1",
                    "mvMqttReadDisconnectResponse",
                    Breaks.ALWAYS,
                    MvStatus.RESPONSENOTPRESENT,
                    "a disconnect response is announced but reading it answers RESPONSENOTPRESENT"),
            answers(
                    "READ-MSG-1",
                    "mvMqttReceiveMessage",
                    Breaks.ALWAYS,
                    MvStatus.RESPONSENOTPRESENT,
                    "a received message is announced but reading it answers RESPONSENOTPRESENT"),
            spoils(
                    "READ-CONSUME-1",
                    READ_TYPE,
                    Breaks.ALWAYS,
                    c -> {
                        // an item once announced is announced again after it was read: reads do not consume
                        U32Ref type = c.arg(1);
                        if (type.get() != MvMqttReadableDataType.NONE.code()) {
                            c.state().put("last", type.get());
                        } else if (c.state().get("last") != null) {
                            type.set(c.state().<Integer>get("last"));
                        }
                    },
                    "after its item was read, the next readable type is still the one read (NONE never comes)"),

            // ---- connect refusals
            swaps(
                    "CONN-ELEM-2",
                    "mvMqttRequestConnect",
                    connect(r -> r.clientId() == null || r.clientId().isNullPointer()),
                    MvStatus.REQUIREDELEMENTMISSING,
                    MvStatus.OKAY),
            swaps("AUTH-EXCL-1", "mvMqttRequestConnect", MvStatus.INVALIDAUTHENTICATION, MvStatus.OKAY),
            swaps(
                    "TLS-ELEM-1",
                    "mvMqttRequestConnect",
                    connect(r -> r.tlsCredentials() != null
                            && r.tlsCredentials().clientcert() != null
                            && (r.tlsCredentials().clientcert().key() == null
                                    || r.tlsCredentials().clientcert().key().length() == 0)),
                    MvStatus.REQUIREDELEMENTMISSING,
                    MvStatus.OKAY),
            swaps(
                    "WILL-ELEM-1",
                    "mvMqttRequestConnect",
                    connect(r -> r.will() != null
                            && r.will().topic() != null
                            && r.will().topic().length() == 0),
                    MvStatus.REQUIREDELEMENTMISSING,
                    MvStatus.OKAY),
            swaps(
                    "WILL-ELEM-2",
                    "mvMqttRequestConnect",
                    connect(r -> r.will() != null
                            && (r.will().payload() == null || r.will().payload().isNullPointer())),
                    MvStatus.REQUIREDELEMENTMISSING,
                    MvStatus.OKAY),
            swaps("LIMIT-CERT-1", "mvMqttRequestConnect", MvStatus.TOOMANYELEMENTS, MvStatus.OKAY),

            // ---- subscribe, unsubscribe, lost messages
            swaps("SUB-RESP-2", "mvMqttReadSubscribeResponse", MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY),
            swaps("UNSUB-RESP-2", "mvMqttReadUnsubscribeResponse", MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY),
            swaps("LIMIT-TOPICS-2", "mvMqttRequestUnsubscribe", MvStatus.TOOMANYELEMENTS, MvStatus.OKAY),
            swaps("LOST-SIZE-1", "mvMqttReceiveLostMessageInfo", MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY),

            // ---- request states and responses (broker targets)
            custom(
                    "GEN-RESP-1",
                    "mvMqttRequestPublish",
                    Breaks.ALWAYS,
                    c -> {
                        // every accepted publish is issued twice, so it gets two responses with its correlation id
                        Object status = c.proceed();
                        if (status == MvStatus.OKAY) {
                            c.proceed();
                        }
                        return status;
                    },
                    "every accepted publish is answered twice"),
            states(
                    "GEN-STATE-1",
                    c -> !c.name().equals("mvMqttReadConnectResponse"),
                    MvMqttRequestState.NOTCONNECTED,
                    MvMqttRequestState.SOCKETERROR),
            spoils(
                    "CONN-OK-1",
                    "mvMqttReadConnectResponse",
                    Breaks.ALWAYS,
                    c -> {
                        MvMqttConnectResponse r = c.arg(1);
                        if (r.requestState == MvMqttRequestState.REQUESTCOMPLETED.code()) {
                            r.reasonCode = 0x80;
                        }
                    },
                    "a completed connect carries reason_code 0x80"),
            rewrites(
                    "CONN-VER-1",
                    "mvMqttRequestConnect",
                    connect(r -> r.protocolVersion() == MvMqttProtocolVersion.V5.code()),
                    c -> c.setArg(
                            1,
                            c.<MvMqttConnectRequest>arg(1).toBuilder()
                                    .protocolVersion(MvMqttProtocolVersion.V3_1_1)
                                    .build()),
                    "a V5 connect speaks MQTT 3.1.1"),
            states("CONN-NXDOMAIN-1", Breaks.ALWAYS, MvMqttRequestState.NXDOMAIN, MvMqttRequestState.SOCKETERROR),
            states("CONN-SOCKET-1", Breaks.ALWAYS, MvMqttRequestState.SOCKETERROR, MvMqttRequestState.REQUESTCOMPLETED),
            states("CONN-REF-6", Breaks.ALWAYS, MvMqttRequestState.SOCKETERROR, MvMqttRequestState.NXDOMAIN),

            // ---- authentication and TLS
            rewrites(
                    "AUTH-UP-1",
                    "mvMqttRequestConnect",
                    connect(r -> r.authentication() != null
                            && r.authentication().method() == MvMqttAuthenticationMethod.USERNAMEPASSWORD.code()),
                    c -> c.setArg(
                            1,
                            c.<MvMqttConnectRequest>arg(1).toBuilder()
                                    .authentication(MvMqttAuthentication.NONE)
                                    .build()),
                    "user name and password are not sent"),
            rewrites(
                    "AUTH-NONE-1",
                    "mvMqttRequestConnect",
                    connect(r -> r.authentication() != null
                            && r.authentication().method() == MvMqttAuthenticationMethod.NONE.code()
                            && r.authentication().usernamePassword() != null),
                    c -> {
                        MvMqttConnectRequest r = c.arg(1);
                        c.setArg(
                                1,
                                r.toBuilder()
                                        .authentication(new MvMqttAuthentication(
                                                MvMqttAuthenticationMethod.USERNAMEPASSWORD.code(),
                                                r.authentication().usernamePassword()))
                                        .build());
                    },
                    "with method NONE the credentials in the struct are sent anyway"),
            List.of(
                    remember("TLS-PLAIN-1", "plain", r -> r.tlsCredentials() == null),
                    spoils(
                            "TLS-PLAIN-1",
                            "mvMqttReadConnectResponse",
                            c -> Boolean.TRUE.equals(c.state().get("plain")),
                            c -> c.<MvMqttConnectResponse>arg(1).requestState =
                                    MvMqttRequestState.REQUESTCOMPLETED.code(),
                            "a connect without tls_credentials is answered REQUESTCOMPLETED even where nothing speaks plain MQTT")),
            List.of(
                            remember("TLS-OK-1", "tls", r -> r.tlsCredentials() != null),
                            spoils(
                                    "TLS-OK-1",
                                    "mvMqttReadConnectResponse",
                                    c -> Boolean.TRUE.equals(c.state().get("tls")),
                                    c -> {
                                        MvMqttConnectResponse r = c.arg(1);
                                        if (r.requestState == MvMqttRequestState.REQUESTCOMPLETED.code()) {
                                            r.requestState = MvMqttRequestState.UNKNOWNCA.code();
                                        }
                                    },
                                    "a TLS connect to a broker the CA chain issued is answered UNKNOWNCA"))
                    .stream()
                    .map(b -> b.on("hivemq-v5-tls"))
                    .toList(),
            rewrites(
                            "TLS-MUTUAL-1",
                            "mvMqttRequestConnect",
                            connect(r -> r.tlsCredentials() != null
                                    && r.tlsCredentials().clientcert() != null),
                            c -> {
                                MvMqttConnectRequest r = c.arg(1);
                                c.setArg(
                                        1,
                                        r.toBuilder()
                                                .tlsCredentials(new MvTlsCredentials(
                                                        r.tlsCredentials().cacert(), null))
                                                .build());
                            },
                            "the client certificate is not presented")
                    .on("hivemq-v5-tls"),
            states("TLS-CA-1", Breaks.ALWAYS, MvMqttRequestState.UNKNOWNCA, MvMqttRequestState.REQUESTCOMPLETED)
                    .on("hivemq-v5-tls"),
            states(
                            "TLS-EXPIRED-1",
                            Breaks.ALWAYS,
                            MvMqttRequestState.CERTIFICATEEXPIRED,
                            MvMqttRequestState.REQUESTCOMPLETED)
                    .on("hivemq-v5-tls"),
            // the exact refusal codes are the reference's decisions (reference rules): a wrong code is a deviation
            states("TLS-REF-4", Breaks.ALWAYS, MvMqttRequestState.UNKNOWNCA, MvMqttRequestState.SOCKETERROR)
                    .on("hivemq-v5-tls"),
            states("TLS-REF-5", Breaks.ALWAYS, MvMqttRequestState.CERTIFICATEEXPIRED, MvMqttRequestState.UNKNOWNCA)
                    .on("hivemq-v5-tls"),

            // ---- sessions (MQTT 3.1.1 for the zero-length client id)
            rewrites(
                            "SESS-ZERO-1",
                            "mvMqttRequestConnect",
                            connect(r -> emptyClientId(r) && r.cleanStart() != 0),
                            c -> c.setArg(
                                    1,
                                    c.<MvMqttConnectRequest>arg(1).toBuilder()
                                            .cleanStart(false)
                                            .build()),
                            "a zero-length client id is sent with clean_start 0 whatever was asked")
                    .on("hivemq-v311-plain"),
            rewrites(
                            "SESS-ZERO-2",
                            "mvMqttRequestConnect",
                            connect(r -> emptyClientId(r) && r.cleanStart() == 0),
                            c -> c.setArg(
                                    1,
                                    c.<MvMqttConnectRequest>arg(1).toBuilder()
                                            .cleanStart(true)
                                            .build()),
                            "a zero-length client id is sent with clean_start 1 whatever was asked")
                    .on("hivemq-v311-plain"),
            rewrites(
                    "SESS-CLEAN-1",
                    "mvMqttRequestConnect",
                    connect(r -> r.cleanStart() != 0),
                    c -> c.setArg(
                            1,
                            c.<MvMqttConnectRequest>arg(1).toBuilder()
                                    .cleanStart(false)
                                    .build()),
                    "clean_start 1 is sent as 0"),

            // ---- subscribe, unsubscribe
            rewrites(
                    "SUB-DELIV-1",
                    "mvMqttRequestSubscribe",
                    c -> c.arg(1) instanceof MvMqttSubscribeRequest,
                    c -> {
                        MvMqttSubscribeRequest r = c.arg(1);
                        c.setArg(
                                1,
                                new MvMqttSubscribeRequest(
                                        r.correlationId(),
                                        r.subscriptions().stream()
                                                .map(t -> new MvMqttSubscription(
                                                        elsewhere(t.topic()), t.desiredQos(), t.nl(), t.rap(), t.rh()))
                                                .toList(),
                                        r.numSubscriptions()));
                    },
                    "subscribes to a different topic than asked"),
            rewrites(
                    "SUB-OPTS-1",
                    "mvMqttRequestSubscribe",
                    c -> c.arg(1) instanceof MvMqttSubscribeRequest,
                    c -> {
                        MvMqttSubscribeRequest r = c.arg(1);
                        c.setArg(
                                1,
                                new MvMqttSubscribeRequest(
                                        r.correlationId(),
                                        r.subscriptions().stream()
                                                .map(t -> new MvMqttSubscription(t.topic(), t.desiredQos(), 0, 0, 0))
                                                .toList(),
                                        r.numSubscriptions()));
                    },
                    "nl, rap and rh are sent as 0"),
            List.of(
                    rewrites(
                            "UNSUB-OK-1",
                            "mvMqttRequestUnsubscribe",
                            c -> c.arg(1) instanceof MvMqttUnsubscribeRequest,
                            c -> {
                                MvMqttUnsubscribeRequest r = c.arg(1);
                                c.setArg(
                                        1,
                                        new MvMqttUnsubscribeRequest(
                                                r.correlationId(),
                                                r.topics().stream()
                                                        .map(BreakTable::elsewhere)
                                                        .toList(),
                                                r.numTopics()));
                            },
                            "unsubscribes from a different topic than asked"),
                    spoils(
                            "UNSUB-OK-1",
                            "mvMqttReadUnsubscribeResponse",
                            Breaks.ALWAYS,
                            c -> {
                                MvMqttUnsubscribeResponse r = c.arg(1);
                                for (int i = 0; i < r.reasonCodesLen().get(); i++) {
                                    r.writeReasonCode(i, 0);
                                }
                            },
                            "and reports success for the topics asked")),
            spoils(
                    "UNSUB-RESP-1",
                    "mvMqttReadUnsubscribeResponse",
                    Breaks.ALWAYS,
                    c -> {
                        MvMqttUnsubscribeResponse r = c.arg(1);
                        if (r.reasonCodesLen().get() > 0) {
                            r.reasonCodesLen().set(r.reasonCodesLen().get() - 1);
                        }
                    },
                    "reason_codes_len is one short of the number of topics"),

            // ---- publish
            rewrites(
                    "PUB-OK-1",
                    "mvMqttRequestPublish",
                    c -> c.arg(1) instanceof MvMqttPublishRequest p
                            && p.payload() != null
                            && p.payload().isValid()
                            && p.payload().length() > 0,
                    c -> {
                        MvMqttPublishRequest p = c.arg(1);
                        byte[] bytes = p.payload().bytes().clone();
                        bytes[0] ^= 0x20;
                        c.setArg(
                                1,
                                new MvMqttPublishRequest(
                                        p.correlationId(),
                                        p.topic(),
                                        MvSizedString.of(bytes),
                                        p.desiredQos(),
                                        p.retain()));
                    },
                    "the payload's first byte is changed on the way"),
            rewrites(
                    "PUB-QOS-1",
                    "mvMqttRequestPublish",
                    c -> c.arg(1) instanceof MvMqttPublishRequest p && p.desiredQos() == 1,
                    c -> {
                        MvMqttPublishRequest p = c.arg(1);
                        c.setArg(1, new MvMqttPublishRequest(p.correlationId(), p.topic(), p.payload(), 0, p.retain()));
                    },
                    "a QoS 1 publish is sent at QoS 0"),
            rewrites(
                    "PUB-RETAIN-1",
                    "mvMqttRequestPublish",
                    c -> c.arg(1) instanceof MvMqttPublishRequest p && p.retain() != 0,
                    c -> {
                        MvMqttPublishRequest p = c.arg(1);
                        c.setArg(
                                1,
                                new MvMqttPublishRequest(p.correlationId(), p.topic(), p.payload(), p.desiredQos(), 0));
                    },
                    "the retain flag is not sent"),
            spoils(
                            "PUB-RESP-1",
                            "mvMqttReadPublishResponse",
                            Breaks.ALWAYS,
                            c -> {
                                MvMqttPublishResponse r = c.arg(1);
                                if (r.reasonCode == 0) {
                                    r.reasonCode = 0x10;
                                }
                            },
                            "a 3.1.1 publish response carries reason_code 0x10")
                    .on("hivemq-v311-plain"),

            // ---- receiving and acknowledging
            spoils(
                    "RECV-MSG-1",
                    "mvMqttReceiveMessage",
                    Breaks.ALWAYS,
                    c -> {
                        MvMqttMessage m = c.arg(1);
                        if (m.payload().length().get() > 0) {
                            m.payload().data().put(0, (byte) (m.payload().data().get(0) ^ 0x20));
                        }
                    },
                    "the received payload's first byte is changed"),
            spoils(
                    "RECV-QOS-1",
                    "mvMqttReceiveMessage",
                    Breaks.ALWAYS,
                    c -> c.<MvMqttMessage>arg(1).qos().set(0),
                    "every received message is reported at QoS 0"),
            spoils(
                    "RECV-RETAIN-1",
                    "mvMqttReceiveMessage",
                    Breaks.ALWAYS,
                    c -> c.<MvMqttMessage>arg(1).retain().set(0),
                    "retain is always written 0"),
            answers(
                    "ACK-QOS-1",
                    "mvMqttAcknowledgeMessage",
                    Breaks.ALWAYS,
                    MvStatus.OKAY,
                    "an acknowledgement answers OKAY but never reaches the broker"),
            spoils(
                    "ACK-NORESP-1",
                    "mvMqttAcknowledgeMessage",
                    Breaks.ALWAYS,
                    c -> c.device()
                            .mvMqttRequestPublish(
                                    c.<Integer>arg(0),
                                    MvMqttPublishRequest.of(0x0ACC, "mvmqtt/broken/ack", new byte[] {1}, 0, false)),
                    "an acknowledgement issues a publish, so a response follows it"),

            // ---- disconnect and connection loss
            states(
                    "DISC-OK-1",
                    c -> c.name().equals("mvMqttReadDisconnectResponse"),
                    MvMqttRequestState.REQUESTCOMPLETED,
                    MvMqttRequestState.NOTCONNECTED),
            spoils(
                    "LOSS-REASON-1",
                    "mvGetChannelClosureReason",
                    Breaks.ALWAYS,
                    c -> c.<U32Ref>arg(1).set(MvClosureReason.NONE.code()),
                    "the closure reason is always NONE"),
            swaps(
                    "LOSS-CLOSED-1",
                    BreakingMicrovisor.ANY,
                    c -> c.name().startsWith("mvMqttRequest") || c.name().equals("mvMqttAcknowledgeMessage"),
                    MvStatus.CHANNELCLOSED,
                    MvStatus.OKAY),
            states(
                    "LOSS-CB-1",
                    Breaks.ALWAYS,
                    MvMqttRequestState.CONNECTIONCIRCUITBREAKER,
                    MvMqttRequestState.NOTCONNECTED),

            // ---- wills: the will reaches subscribers although the disconnect is graceful
            List.of(
                    custom(
                            "WILL-GRACE-1",
                            "mvMqttRequestConnect",
                            Breaks.ALWAYS,
                            c -> {
                                if (c.arg(1) instanceof MvMqttConnectRequest r && r.will() != null) {
                                    c.state().put("will-" + c.<Integer>arg(0), r.will());
                                }
                                return c.proceed();
                            },
                            "remembers each channel's will"),
                    custom(
                            "WILL-GRACE-1",
                            "mvMqttRequestDisconnect",
                            Breaks.ALWAYS,
                            c -> {
                                MvMqttWill will = c.state().get("will-" + c.<Integer>arg(0));
                                if (will != null
                                        && will.topic().isValid()
                                        && will.payload() != null
                                        && will.payload().isValid()) {
                                    MvStatus sent = c.device()
                                            .mvMqttRequestPublish(
                                                    c.arg(0),
                                                    new MvMqttPublishRequest(
                                                            0x0D15C,
                                                            will.topic(),
                                                            will.payload(),
                                                            Math.min(will.qos(), 1),
                                                            will.retain()));
                                    if (sent == MvStatus.OKAY) {
                                        c.state()
                                                .computeIfAbsent("hidden", AtomicInteger::new)
                                                .incrementAndGet();
                                    }
                                }
                                return c.proceed();
                            },
                            "before a graceful disconnect the device publishes its will itself"),
                    custom(
                            "WILL-GRACE-1",
                            READ_TYPE,
                            Breaks.ALWAYS,
                            c -> {
                                // the hidden publish's response is read away so the application never sees it
                                while (true) {
                                    Object status = c.proceed();
                                    U32Ref type = c.arg(1);
                                    AtomicInteger hidden = c.state().computeIfAbsent("hidden", AtomicInteger::new);
                                    if (status != MvStatus.OKAY
                                            || type.get() != MvMqttReadableDataType.PUBLISHRESPONSE.code()
                                            || hidden.get() == 0) {
                                        return status;
                                    }
                                    c.device().mvMqttReadPublishResponse(c.arg(0), new MvMqttPublishResponse());
                                    hidden.decrementAndGet();
                                }
                            },
                            "and hides the publish's response")),

            // ---- rules of the catalogue's re-decision on the demos' evidence (issue 8)
            custom(
                    "GEN-FAULT-3",
                    BreakingMicrovisor.ANY,
                    c -> c.name().startsWith("mvMqttRequest"),
                    c -> {
                        // a channel goes on accepting requests after one of them answered LATEFAULT
                        Object status = c.proceed();
                        String key = "latefault-" + c.<Integer>arg(0);
                        if (status == MvStatus.LATEFAULT) {
                            c.state().put(key, true);
                            return status;
                        }
                        return Boolean.TRUE.equals(c.state().get(key)) ? MvStatus.OKAY : status;
                    },
                    "after a LATEFAULT the channel still answers OKAY"),
            custom(
                    "GEN-STATUS-1",
                    BreakingMicrovisor.ANY,
                    c -> !c.name().equals("registerIrqHandler")
                            && !c.name().equals("networkLink")
                            && !c.name().equals("close"),
                    c -> {
                        Object status = c.proceed();
                        return status instanceof MvStatus s && s != MvStatus.OKAY ? MvStatus.TIMENOTSET : status;
                    },
                    "every refusal answers TIMENOTSET, a status the header lists for none of these calls"),
            answers(
                    "NOTIF-CLOSE-1",
                    "mvCloseNotifications",
                    c -> c.arg(0) != null,
                    MvStatus.OKAY,
                    "mvCloseNotifications answers OKAY but the centre stays open: its records and interrupts go on"),
            answers(
                    "NOTIF-CLOSE-2",
                    "mvCloseNotifications",
                    c -> c.arg(0) != null,
                    MvStatus.BUFFERALREADYINUSE,
                    "a centre is never closed while something names it: BUFFERALREADYINUSE"),
            spoils(
                    "CHAN-CLOSE-1",
                    "mvGetChannelClosureReason",
                    Breaks.ALWAYS,
                    c -> {
                        U32Ref reason = c.arg(1);
                        if (reason.get() == MvClosureReason.CLOSEDBYAPPLICATION.code()) {
                            reason.set(MvClosureReason.CONNECTIONTERMINATED.code());
                        }
                    },
                    "a channel the application closed reports CONNECTIONTERMINATED"),
            spoils(
                    "CONN-OK-2",
                    "mvMqttReadConnectResponse",
                    Breaks.ALWAYS,
                    c -> {
                        MvMqttConnectResponse r = c.arg(1);
                        if (r.requestState != MvMqttRequestState.REQUESTCOMPLETED.code()) {
                            r.requestState = MvMqttRequestState.REQUESTCOMPLETED.code();
                        }
                    },
                    "a connect the broker refused is answered REQUESTCOMPLETED"),
            spoils(
                    "SUB-RESP-3",
                    "mvMqttReadSubscribeResponse",
                    Breaks.ALWAYS,
                    c -> {
                        MvMqttSubscribeResponse r = c.arg(1);
                        for (int i = 0; i < r.reasonCodesLen().get(); i++) {
                            if (r.reasonCode(i) == 0 || r.reasonCode(i) == 1) {
                                r.writeReasonCode(i, 2);
                            }
                        }
                    },
                    "granted topics get reason code 2"),
            List.of(
                    rewrites(
                            "SUB-RESP-4",
                            "mvMqttReadSubscribeResponse",
                            c -> c.arg(1) != null,
                            c -> {
                                // reason_codes_size taken as bytes: a buffer for n codes passed with size n holds n / 4
                                MvMqttSubscribeResponse r = c.arg(1);
                                c.setArg(
                                        1,
                                        new MvMqttSubscribeResponse(
                                                r.requestState(),
                                                r.correlationId(),
                                                r.reasonCodes(),
                                                r.reasonCodesSize() / 4,
                                                r.reasonCodesLen()));
                            },
                            "reason_codes_size is read as bytes, not codes"),
                    rewrites(
                            "SUB-RESP-4",
                            "mvMqttReadUnsubscribeResponse",
                            c -> c.arg(1) != null,
                            c -> {
                                MvMqttUnsubscribeResponse r = c.arg(1);
                                c.setArg(
                                        1,
                                        new MvMqttUnsubscribeResponse(
                                                r.requestState(),
                                                r.correlationId(),
                                                r.reasonCodes(),
                                                r.reasonCodesSize() / 4,
                                                r.reasonCodesLen()));
                            },
                            "for unsubscribe responses too")),
            swaps("SUB-ONE-1", "mvMqttRequestSubscribe", MvStatus.RATELIMITED, MvStatus.TOOMANYELEMENTS),
            spoils(
                    "LOSS-NET-1",
                    "mvGetChannelClosureReason",
                    Breaks.ALWAYS,
                    c -> {
                        U32Ref reason = c.arg(1);
                        if (reason.get() == MvClosureReason.NETWORKDISCONNECTED.code()) {
                            reason.set(MvClosureReason.NONE.code());
                        }
                    },
                    "a channel the network drop closed reports no closure"),

            // ---- notification records: the reference's records pass through a private ring and are rewritten
            RingInterposer.breaks(
                    "NOTIF-REC-1",
                    "the record's tag is written big-endian",
                    r -> new NotificationRecord(r.microseconds(), r.eventType(), Integer.reverseBytes(r.tag())),
                    false),
            RingInterposer.breaks(
                            "NOTIF-REC-1",
                            "timestamps count milliseconds, not microseconds",
                            r -> new NotificationRecord(r.microseconds() / 1000, r.eventType(), r.tag()),
                            false)
                    .stream()
                    .map(b -> b.variant("ms"))
                    .toList(),
            RingInterposer.breaks(
                    "NOTIF-IRQ-1",
                    "the irq handler runs before the record is in the ring",
                    UnaryOperator.identity(),
                    true),
            RingInterposer.breaks(
                    "NOTIF-EVT-1",
                    "CHANNELDATAREADABLE records carry another tag than the channel's",
                    r -> r.type() == MvEventType.CHANNELDATAREADABLE
                            ? new NotificationRecord(r.microseconds(), r.eventType(), r.tag() + 1)
                            : r,
                    false),
            RingInterposer.breaks(
                    "NET-NOTIF-1",
                    "NETWORKSTATUSCHANGED records carry another tag than the network's",
                    r -> r.type() == MvEventType.NETWORKSTATUSCHANGED
                            ? new NotificationRecord(r.microseconds(), r.eventType(), r.tag() + 1)
                            : r,
                    false),
            RingInterposer.breaks(
                    "LOSS-NOTIF-1",
                    "CHANNELNOTCONNECTED records carry another tag than the channel's",
                    r -> r.type() == MvEventType.CHANNELNOTCONNECTED
                            ? new NotificationRecord(r.microseconds(), r.eventType(), r.tag() + 1)
                            : r,
                    false));

    private static List<Break> flatten(Object... rows) {
        List<Break> all = new ArrayList<>();
        for (Object row : rows) {
            if (row instanceof Break b) {
                all.add(b);
            } else {
                for (Object b : (List<?>) row) {
                    all.add((Break) b);
                }
            }
        }
        return List.copyOf(all);
    }

    /** A connect that remembers {@code flag} = {@code p(request)} for a later break of the same rule, and proceeds. */
    private static Break remember(String rule, String flag, Predicate<MvMqttConnectRequest> p) {
        return custom(
                rule,
                "mvMqttRequestConnect",
                Breaks.ALWAYS,
                c -> {
                    if (c.arg(1) instanceof MvMqttConnectRequest r) {
                        c.state().put(flag, p.test(r));
                    }
                    return c.proceed();
                },
                "remembers whether the connect " + flag);
    }

    private static boolean emptyClientId(MvMqttConnectRequest r) {
        return r.clientId() != null
                && !r.clientId().isNullPointer()
                && r.clientId().length() == 0;
    }

    /** Another topic than {@code topic}: the same with {@code /elsewhere} appended. */
    static MvSizedString elsewhere(MvSizedString topic) {
        if (topic == null || !topic.isValid()) {
            return topic;
        }
        return MvSizedString.of(new String(topic.bytes(), StandardCharsets.UTF_8) + "/elsewhere");
    }

    /** The rules the table breaks. */
    public static Set<String> rules() {
        return ROWS.stream().map(Break::rule).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The implementations the table makes: one per rule, and one per further variant ({@code RULE/variant}). */
    public static Set<String> keys() {
        return ROWS.stream().map(Break::key).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The rows of one implementation ({@link Break#key()}). */
    public static List<Break> rowsFor(String key) {
        return ROWS.stream().filter(b -> b.key().equals(key)).toList();
    }
}
