package dev.mvmqtt.tck.broken.table;

import static dev.mvmqtt.tck.broken.table.Breaks.answers;
import static dev.mvmqtt.tck.broken.table.Breaks.custom;
import static dev.mvmqtt.tck.broken.table.Breaks.spoils;
import static dev.mvmqtt.tck.broken.table.Breaks.swaps;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The table of generated broken implementations: one row per {@code must} rule that a wrong status code, a missing
 * refusal or a spoiled output shows broken. Each row becomes the implementation {@code broken-table-<rule>} (the
 * reference wrapped by {@link BreakingMicrovisor} with that row's breaks), and {@code BrokenImplementationsTest} runs
 * the TCK tests naming the rule against it and expects a failure blamed on that rule. Adding a rule is one row.
 *
 * <p>Rules about timing, ordering and concurrency are broken by hand-written implementations next to this package;
 * {@link #NOT_BREAKABLE} names the {@code must} rules no implementation can break, with the reason.
 */
public final class BreakTable {
    private BreakTable() {
    }

    /** {@code must} rules an implementation cannot violate, with why. */
    public static final Map<String, String> NOT_BREAKABLE = codeRules();

    private static Map<String, String> codeRules() {
        Map<String, String> m = new TreeMap<>();
        for (String id : List.of("CODE-STATUS-1", "CODE-STATE-1", "CODE-DATATYPE-1", "CODE-VERSION-1", "CODE-AUTH-1",
                "CODE-CHANTYPE-1", "CODE-EVENT-1", "CODE-NETSTATUS-1", "CODE-CLOSURE-1", "CODE-LOSTREASON-1")) {
            m.put(id, "checks the kit's own API enumerations against the header, not the implementation's behaviour");
        }
        return Map.copyOf(m);
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
    public static final List<Break> ROWS = List.of(
            // ---- general call rules
            custom("GEN-REFUSED-2", "mvMqttRequestSubscribe", Breaks.ALWAYS, c -> {
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
            }, "after a refused subscribe, every later subscribe on the device is refused the same way"),
            swaps("GEN-FAULT-1", "*", MvStatus.PARAMETERFAULT, MvStatus.OKAY),
            swaps("GEN-FAULT-2", "*", MvStatus.LATEFAULT, MvStatus.OKAY),
            spoils("GEN-NOTCONN-1", "mvMqttReadSubscribeResponse", Breaks.ALWAYS, c -> {
                MvMqttSubscribeResponse r = c.arg(1);
                if (r.requestState().get() == MvMqttRequestState.NOTCONNECTED.code()) {
                    r.requestState().set(MvMqttRequestState.REQUESTCOMPLETED.code());
                }
            }, "a subscribe on a never-connected channel is answered REQUESTCOMPLETED instead of NOTCONNECTED"),

            // ---- handles
            swaps("HANDLE-INVALID-1", "*", MvStatus.INVALIDHANDLE, MvStatus.OKAY),

            // ---- notification centres
            swaps("NOTIF-BUF-1", "mvSetupNotifications", setup(s -> s.bufferSize() >= 32 && s.bufferSize() % 16 != 0),
                    MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY),
            swaps("NOTIF-BUF-2", "mvSetupNotifications", setup(s -> s.bufferSize() < 32 && s.bufferSize() % 16 == 0),
                    MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY),
            swaps("NOTIF-BUF-3", "mvSetupNotifications", MvStatus.BUFFERALREADYINUSE, MvStatus.OKAY),
            swaps("NOTIF-IRQ-2", "mvSetupNotifications", MvStatus.INVALIDINTERRUPT, MvStatus.OKAY),
            swaps("LIMIT-NOTIF-1", "mvSetupNotifications", MvStatus.TOOMANYNOTIFICATIONBUFFERS, MvStatus.OKAY),

            // ---- network
            swaps("NET-VERSION-1", "mvRequestNetwork", MvStatus.UNSUPPORTEDSTRUCTUREVERSION, MvStatus.OKAY),

            // ---- channels
            swaps("CHAN-BUF-2", "mvOpenChannel", channel(p -> p.receiveBufferLen() % 512 != 0 || p.sendBufferLen() % 512 != 0),
                    MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY),
            answers("CHAN-BUF-3", "mvOpenChannel", channel(p -> p.receiveBufferLen() == 1536 && p.sendBufferLen() == 1536),
                    MvStatus.INVALIDBUFFERSIZE, "the guide's channel (1536-byte buffers) is refused INVALIDBUFFERSIZE"),
            swaps("CHAN-HANDLE-1", "mvOpenChannel", MvStatus.INVALIDHANDLE, MvStatus.OKAY),
            swaps("CHAN-TYPE-1", "mvOpenChannel", MvStatus.UNKNOWNCHANNELTYPE, MvStatus.UNAVAILABLE),
            swaps("CHAN-NET-1", "mvOpenChannel", MvStatus.NETWORKNOTCONNECTED, MvStatus.OKAY),
            swaps("LIMIT-CHAN-1", "mvOpenChannel", MvStatus.TOOMANYCHANNELS, MvStatus.OKAY),

            // ---- readable data types and reads
            answers("READ-CONN-1", "mvMqttReadConnectResponse", Breaks.ALWAYS, MvStatus.RESPONSENOTPRESENT,
                    "a connect response is announced but reading it answers RESPONSENOTPRESENT"),
            answers("READ-SUB-1", "mvMqttReadSubscribeResponse", Breaks.ALWAYS, MvStatus.RESPONSENOTPRESENT,
                    "a subscribe response is announced but reading it answers RESPONSENOTPRESENT"),
            answers("READ-UNSUB-1", "mvMqttReadUnsubscribeResponse", Breaks.ALWAYS, MvStatus.RESPONSENOTPRESENT,
                    "an unsubscribe response is announced but reading it answers RESPONSENOTPRESENT"),
            answers("READ-PUB-1", "mvMqttReadPublishResponse", Breaks.ALWAYS, MvStatus.RESPONSENOTPRESENT,
                    "a publish response is announced but reading it answers RESPONSENOTPRESENT"),
            answers("READ-DISC-1", "mvMqttReadDisconnectResponse", Breaks.ALWAYS, MvStatus.RESPONSENOTPRESENT,
                    "a disconnect response is announced but reading it answers RESPONSENOTPRESENT"),
            answers("READ-MSG-1", "mvMqttReceiveMessage", Breaks.ALWAYS, MvStatus.RESPONSENOTPRESENT,
                    "a received message is announced but reading it answers RESPONSENOTPRESENT"),
            spoils("READ-CONSUME-1", READ_TYPE, Breaks.ALWAYS, c -> {
                // an item once announced is announced again after it was read: reads do not consume
                U32Ref type = c.arg(1);
                if (type.get() != MvMqttReadableDataType.NONE.code()) {
                    c.state().put("last", type.get());
                } else if (c.state().get("last") != null) {
                    type.set(c.state().<Integer>get("last"));
                }
            }, "after its item was read, the next readable type is still the one read (NONE never comes)"),

            // ---- connect refusals
            swaps("CONN-ELEM-2", "mvMqttRequestConnect", connect(r -> r.clientId() == null || r.clientId().isNullPointer()),
                    MvStatus.REQUIREDELEMENTMISSING, MvStatus.OKAY),
            swaps("AUTH-EXCL-1", "mvMqttRequestConnect", MvStatus.INVALIDAUTHENTICATION, MvStatus.OKAY),
            swaps("TLS-ELEM-1", "mvMqttRequestConnect", connect(r -> r.tlsCredentials() != null
                            && r.tlsCredentials().clientcert() != null
                            && (r.tlsCredentials().clientcert().key() == null || r.tlsCredentials().clientcert().key().length() == 0)),
                    MvStatus.REQUIREDELEMENTMISSING, MvStatus.OKAY),
            swaps("WILL-ELEM-1", "mvMqttRequestConnect", connect(r -> r.will() != null && r.will().topic() != null
                    && r.will().topic().length() == 0), MvStatus.REQUIREDELEMENTMISSING, MvStatus.OKAY),
            swaps("WILL-ELEM-2", "mvMqttRequestConnect", connect(r -> r.will() != null
                    && (r.will().payload() == null || r.will().payload().isNullPointer())), MvStatus.REQUIREDELEMENTMISSING, MvStatus.OKAY),
            swaps("LIMIT-CERT-1", "mvMqttRequestConnect", MvStatus.TOOMANYELEMENTS, MvStatus.OKAY),

            // ---- subscribe, unsubscribe, lost messages
            swaps("SUB-RESP-2", "mvMqttReadSubscribeResponse", MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY),
            swaps("UNSUB-RESP-2", "mvMqttReadUnsubscribeResponse", MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY),
            swaps("LIMIT-TOPICS-2", "mvMqttRequestUnsubscribe", MvStatus.TOOMANYELEMENTS, MvStatus.OKAY),
            swaps("LOST-SIZE-1", "mvMqttReceiveLostMessageInfo", MvStatus.INVALIDBUFFERSIZE, MvStatus.OKAY)
    );

    /** The rules the table breaks. */
    public static Set<String> rules() {
        return ROWS.stream().map(Break::rule).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The rows breaking {@code rule}. */
    public static List<Break> rowsFor(String rule) {
        return ROWS.stream().filter(b -> b.rule().equals(rule)).toList();
    }
}
