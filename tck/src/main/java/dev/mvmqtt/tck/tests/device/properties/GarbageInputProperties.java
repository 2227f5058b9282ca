package dev.mvmqtt.tck.tests.device.properties;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;

import dev.mvmqtt.spec.api.HeaderStatuses;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.NetworkLink;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
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
import dev.mvmqtt.spec.api.mqtt.MvOwnTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import dev.mvmqtt.spec.api.net.MvRequestNetworkParams;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.tests.device.Devices;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Every call, given garbage: nulls, random and foreign handles, negative and huge sizes, undefined
 * codes, malformed sized strings. The garbage is derived from a generated seed so jqwik can replay and
 * report it; connects only ever name 127.0.0.1 on a dead port or an unresolvable host.
 */
@AddLifecycleHook(ReferenceProfileHook.class)
class GarbageInputProperties {
    static final int CALLS = 20;

    /** Random garbage for one device whose live handles are known. */
    static final class Garbage {
        final Random r;
        final List<Integer> live;
        final int deadPort;
        /** The cells handed out by the current call: an accepted call's new handles join {@link #live}. */
        final List<U32Ref> cells = new ArrayList<>();

        Garbage(long seed, int[] live, int deadPort) {
            this.r = new Random(seed);
            this.live = new ArrayList<>(Arrays.stream(live).boxed().toList());
            this.deadPort = deadPort;
        }

        /** After an accepted call: handles it wrote (a ring's centre, a network, a channel) become live garbage. */
        void accepted() {
            for (U32Ref c : cells) {
                if (c.get() != 0 && !live.contains(c.get())) {
                    live.add(c.get());
                }
            }
            cells.clear();
        }

        boolean chance(int percent) {
            return r.nextInt(100) < percent;
        }

        int handle() {
            switch (r.nextInt(4)) {
                case 0:
                    return 0;
                case 1:
                    return live.get(r.nextInt(live.size()));
                case 2:
                    return r.nextInt();
                default:
                    return -1;
            }
        }

        int size() {
            switch (r.nextInt(5)) {
                case 0:
                    return -1 - r.nextInt(Integer.MAX_VALUE);
                case 1:
                    return Integer.MAX_VALUE - r.nextInt(16);
                case 2:
                    return r.nextInt(70_000);
                case 3:
                    return 512 * r.nextInt(10);
                default:
                    return r.nextInt(64);
            }
        }

        int code() {
            return chance(50) ? r.nextInt(10) - 2 : r.nextInt();
        }

        ByteBuffer buffer() {
            if (chance(15)) {
                return null;
            }
            int cap = r.nextInt(2048);
            ByteBuffer b =
                    chance(50) ? Firmware.alignedAt(cap, chance(50) ? 0 : r.nextInt(512)) : ByteBuffer.allocate(cap);
            if (chance(20)) {
                b.limit(r.nextInt(cap + 1)); // a limit below the capacity: not application memory (GEN-REF-8)
            }
            if (chance(20)) {
                b.position(r.nextInt(b.limit() + 1)); // a position past 0: the memory is still [0, capacity)
            }
            return chance(10) ? b.asReadOnlyBuffer() : b;
        }

        U32Ref cell() {
            if (chance(15)) {
                return null;
            }
            U32Ref c = new U32Ref(r.nextInt());
            cells.add(c);
            return c;
        }

        MvSizedString string() {
            switch (r.nextInt(5)) {
                case 0:
                    return null;
                case 1:
                    return MvSizedString.of((String) null);
                case 2:
                    return MvSizedString.raw(new byte[r.nextInt(8)], size());
                case 3:
                    return MvSizedString.raw(null, size());
                default: {
                    byte[] b = new byte[r.nextInt(40)];
                    r.nextBytes(b);
                    return MvSizedString.of(b);
                }
            }
        }

        MvSizedString host() {
            switch (r.nextInt(3)) {
                case 0:
                    return MvSizedString.of(Devices.UNRESOLVABLE_HOST);
                case 1:
                    return MvSizedString.of("127.0.0.1");
                default: {
                    // Garbage pointers and empty names, but never a readable name that could reach a
                    // resolver: network tests name only loopback or a host under .invalid.
                    MvSizedString s = string();
                    return s == null || !s.isValid() || s.length() == 0
                            ? s
                            : MvSizedString.of(Devices.UNRESOLVABLE_HOST);
                }
            }
        }

        MvSizedStringBuffer stringBuffer() {
            return chance(15) ? null : new MvSizedStringBuffer(buffer(), size(), cell());
        }

        <T> List<T> list(Supplier<T> element) {
            if (chance(10)) {
                return null;
            }
            List<T> out = new ArrayList<>();
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) {
                out.add(chance(10) ? null : element.get());
            }
            return out;
        }

        MvTlsCertificateChain chain() {
            return chance(15)
                    ? null
                    : new MvTlsCertificateChain(chance(50) ? r.nextInt(12) : r.nextInt(), list(this::string));
        }

        MvMqttConnectRequest connect() {
            if (chance(10)) {
                return null;
            }
            MvMqttConnectRequest.Builder b = MvMqttConnectRequest.builder()
                    .protocolVersion(code())
                    .host(host())
                    .port(deadPort)
                    .clientId(string())
                    .keepalive(size())
                    .cleanStart(code());
            if (chance(70)) {
                b.authentication(
                        chance(10)
                                ? null
                                : new MvMqttAuthentication(
                                        code(),
                                        chance(50)
                                                ? null
                                                : new dev.mvmqtt.spec.api.mqtt.MvMqttUsernamePassword(
                                                        string(), string())));
            }
            if (chance(50)) {
                b.tlsCredentials(new MvTlsCredentials(
                        chain(), chance(20) ? null : new MvOwnTlsCertificateChain(chain(), string())));
            }
            if (chance(50)) {
                b.will(new MvMqttWill(string(), string(), code(), code()));
            }
            return b.build();
        }

        MvOpenChannelParams channelParams() {
            if (chance(10)) {
                return null;
            }
            return MvOpenChannelParams.builder()
                    .version(chance(80) ? 1 : code())
                    .notificationHandle(handle())
                    .notificationTag(r.nextInt())
                    .networkHandle(handle())
                    .receiveBuffer(buffer(), size())
                    .sendBuffer(buffer(), size())
                    .channelType(code())
                    .endpoint(chance(50) ? MvSizedString.EMPTY : string())
                    .build();
        }
    }

    /** Makes call number {@code which} with garbage; returns its status. */
    static MvStatus call(Microvisor mv, int which, Garbage g) {
        switch (which) {
            case 0:
                return mv.mvSetupNotifications(
                        g.chance(10) ? null : new MvNotificationSetup(g.code(), g.buffer(), g.size()), g.cell());
            case 1:
                return mv.mvCloseNotifications(g.chance(20) ? null : new U32Ref(g.handle()));
            case 2:
                return mv.mvRequestNetwork(
                        g.chance(10) ? null : new MvRequestNetworkParams(g.code(), g.handle(), g.r.nextInt()),
                        g.cell());
            case 3:
                return mv.mvGetNetworkStatus(g.handle(), g.cell());
            case 4:
                return mv.mvReleaseNetwork(g.chance(20) ? null : new U32Ref(g.handle()));
            case 5:
                return mv.mvOpenChannel(g.channelParams(), g.cell());
            case 6:
                return mv.mvCloseChannel(g.chance(20) ? null : new U32Ref(g.handle()));
            case 7:
                return mv.mvGetChannelClosureReason(g.handle(), g.cell());
            case 8:
                return mv.mvMqttGetNextReadableDataType(g.handle(), g.cell());
            case 9:
                return mv.mvMqttRequestConnect(g.handle(), g.connect());
            case 10:
                return mv.mvMqttReadConnectResponse(g.handle(), g.chance(20) ? null : new MvMqttConnectResponse());
            case 11:
                return mv.mvMqttRequestSubscribe(
                        g.handle(),
                        g.chance(10)
                                ? null
                                : new MvMqttSubscribeRequest(
                                        g.r.nextInt(),
                                        g.list(() -> new MvMqttSubscription(
                                                g.string(), g.code(), g.code(), g.code(), g.code())),
                                        g.chance(50) ? g.r.nextInt(12) : g.code()));
            case 12:
                return mv.mvMqttReadSubscribeResponse(
                        g.handle(),
                        g.chance(10)
                                ? null
                                : new MvMqttSubscribeResponse(g.cell(), g.cell(), g.buffer(), g.size(), g.cell()));
            case 13:
                return mv.mvMqttRequestUnsubscribe(
                        g.handle(),
                        g.chance(10)
                                ? null
                                : new MvMqttUnsubscribeRequest(
                                        g.r.nextInt(), g.list(g::string), g.chance(50) ? g.r.nextInt(12) : g.code()));
            case 14:
                return mv.mvMqttReadUnsubscribeResponse(
                        g.handle(),
                        g.chance(10)
                                ? null
                                : new MvMqttUnsubscribeResponse(g.cell(), g.cell(), g.buffer(), g.size(), g.cell()));
            case 15:
                return mv.mvMqttRequestPublish(
                        g.handle(),
                        g.chance(10)
                                ? null
                                : new MvMqttPublishRequest(g.r.nextInt(), g.string(), g.string(), g.code(), g.code()));
            case 16:
                return mv.mvMqttReadPublishResponse(g.handle(), g.chance(20) ? null : new MvMqttPublishResponse());
            case 17:
                return mv.mvMqttReceiveMessage(
                        g.handle(),
                        g.chance(10)
                                ? null
                                : new MvMqttMessage(g.cell(), g.stringBuffer(), g.stringBuffer(), g.cell(), g.cell()));
            case 18:
                return mv.mvMqttReceiveLostMessageInfo(
                        g.handle(),
                        g.chance(10) ? null : new MvMqttLostMessageInfo(g.cell(), g.stringBuffer(), g.cell()));
            case 19:
                return mv.mvMqttAcknowledgeMessage(g.handle(), g.r.nextInt());
            case 20:
                return mv.mvMqttRequestDisconnect(g.handle());
            default:
                return mv.mvMqttReadDisconnectResponse(
                        g.handle(), g.chance(20) ? null : new MvMqttDisconnectResponse());
        }
    }

    static final int KINDS = 22;

    /** The header call that {@link #call} makes for each kind, in the same order. */
    static final List<String> CALL_NAMES = List.of(
            "mvSetupNotifications",
            "mvCloseNotifications",
            "mvRequestNetwork",
            "mvGetNetworkStatus",
            "mvReleaseNetwork",
            "mvOpenChannel",
            "mvCloseChannel",
            "mvGetChannelClosureReason",
            "mvMqttGetNextReadableDataType",
            "mvMqttRequestConnect",
            "mvMqttReadConnectResponse",
            "mvMqttRequestSubscribe",
            "mvMqttReadSubscribeResponse",
            "mvMqttRequestUnsubscribe",
            "mvMqttReadUnsubscribeResponse",
            "mvMqttRequestPublish",
            "mvMqttReadPublishResponse",
            "mvMqttReceiveMessage",
            "mvMqttReceiveLostMessageInfo",
            "mvMqttAcknowledgeMessage",
            "mvMqttRequestDisconnect",
            "mvMqttReadDisconnectResponse");

    @Property(tries = 50)
    @Asserts("GEN-STATUS-1")
    void everyCallAnswersOnlyTheStatusesTheHeaderListsForIt(@ForAll long seed) {
        TckSettings settings = TckSettings.current();
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            Garbage g = new Garbage(
                    seed, new int[] {fw.notificationHandle(), fw.networkHandle(), channel}, Devices.deadPort());
            for (int i = 0; i < CALLS; i++) {
                int which = g.r.nextInt(KINDS);
                String name = CALL_NAMES.get(which);
                rule("GEN-STATUS-1", "%s answered a status its header list does not name", name)
                        .assertThat(call(mv, which, g))
                        .isIn(HeaderStatuses.of(name));
            }
        }
    }

    @Property(tries = 50)
    @Asserts({"GEN-REF-3", "GEN-REF-8"})
    void noCallThrowsWhateverItIsGiven(@ForAll long seed) {
        TckSettings settings = TckSettings.current();
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            Garbage g = new Garbage(
                    seed, new int[] {fw.notificationHandle(), fw.networkHandle(), channel}, Devices.deadPort());
            List<String> made = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                int which = g.r.nextInt(KINDS);
                MvStatus status;
                try {
                    status = call(mv, which, g);
                } catch (RuntimeException | Error e) {
                    throw rule("GEN-REF-3").violation("call kind " + which + " threw " + e + " after " + made, e);
                }
                made.add(which + "->" + status);
                rule("GEN-REF-3", "call kind %d returned a status, after %s", which, made)
                        .assertThat(status)
                        .isNotNull();
                if (status == MvStatus.OKAY) {
                    g.accepted();
                } else {
                    g.cells.clear();
                }
            }
            // whatever memory the accepted calls were given, a network drop must write its records and not throw
            NetworkLink link = mv.networkLink().orElse(null);
            if (link != null) {
                try {
                    link.down();
                    link.up();
                } catch (RuntimeException | Error e) {
                    throw rules("GEN-REF-3", "GEN-REF-8")
                            .violation("the network link going down and up threw " + e + " after " + made, e);
                }
            }
        }
    }

    @Property(tries = 50)
    @Asserts("GEN-REFUSED-1")
    void aRefusedCallIssuesNothing(@ForAll long seed, @ForAll @IntRange(min = 0, max = KINDS - 1) int which) {
        TckSettings settings = TckSettings.current();
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            Garbage g = new Garbage(
                    seed, new int[] {fw.notificationHandle(), fw.networkHandle(), channel}, Devices.deadPort());
            MvStatus status = call(mv, which, g);
            if (status == MvStatus.OKAY || status == MvStatus.LATEFAULT) {
                // Accepted garbage may issue things; after LATEFAULT some data may have been sent (header).
                return;
            }
            rule(
                            "GEN-REFUSED-1",
                            "call kind %d refused with %s wrote no notification record (records %s)",
                            which,
                            status,
                            fw.recordsSeen())
                    .assertThat(Devices.ringEmpty(fw.ring(), fw.ring().capacity())
                            && fw.recordsSeen().isEmpty())
                    .isTrue();
            U32Ref type = new U32Ref(-1);
            MvStatus next = mv.mvMqttGetNextReadableDataType(channel, type);
            if (next == MvStatus.OKAY) {
                rule("GEN-REFUSED-1", "call kind %d refused with %s: nothing readable", which, status)
                        .assertThat(MvMqttReadableDataType.of(type.get()))
                        .isEqualTo(MvMqttReadableDataType.NONE);
            } else {
                // the channel itself was closed or left unusable by the refused call
                rule("GEN-REFUSED-1", "next readable type after call kind %d refused with %s", which, status)
                        .assertThat(Arrays.asList(MvStatus.CHANNELCLOSED, MvStatus.INVALIDHANDLE))
                        .contains(next);
            }
        }
    }
}
