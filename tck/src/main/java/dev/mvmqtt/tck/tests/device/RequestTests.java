package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
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
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.DeviceTest;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Assumptions;

/**
 * MQTT requests and reads on a channel that never connected: every request is accepted and answered
 * NOTCONNECTED at once, which is enough to check the read calls, correlation ids and pointer faults
 * without a broker.
 */
class RequestTests {
    private static final int SUB_ID = 0xCAFEBABE;
    private static final int UNSUB_ID = 0x80000001;
    private static final int PUB_ID = -7;

    private static void requestAll(Microvisor mv, int channel) {
        assertThat(mv.mvMqttRequestSubscribe(
                        channel,
                        MvMqttSubscribeRequest.of(
                                SUB_ID, MvMqttSubscription.of("tck/a", 1), MvMqttSubscription.of("tck/b", 0))))
                .as("subscribe")
                .isEqualTo(MvStatus.OKAY);
        assertThat(mv.mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(UNSUB_ID, "tck/a")))
                .as("unsubscribe")
                .isEqualTo(MvStatus.OKAY);
        assertThat(mv.mvMqttRequestPublish(
                        channel, MvMqttPublishRequest.of(PUB_ID, "tck/a", new byte[] {1, 2}, 1, false)))
                .as("publish")
                .isEqualTo(MvStatus.OKAY);
        assertThat(mv.mvMqttRequestDisconnect(channel)).as("disconnect").isEqualTo(MvStatus.OKAY);
    }

    @DeviceTest
    @Asserts({"GEN-NOTCONN-1", "GEN-REF-1", "READ-SUB-1", "READ-UNSUB-1", "READ-PUB-1", "READ-DISC-1", "READ-CONSUME-1"
    })
    void requestsOnANeverConnectedChannelAreAnsweredNotConnected(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            requestAll(mv, channel);

            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            MvMqttSubscribeResponse sub = MvMqttSubscribeResponse.withRoomFor(8);
            rule("READ-SUB-1", "mvMqttReadSubscribeResponse")
                    .assertThat(mv.mvMqttReadSubscribeResponse(channel, sub))
                    .isEqualTo(MvStatus.OKAY);
            rules("GEN-NOTCONN-1", "GEN-REF-1")
                    .as("subscribe response")
                    .assertThat(sub.state())
                    .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            rule("READ-SUB-1", "correlation_id")
                    .assertThat(sub.correlationId().get())
                    .isEqualTo(SUB_ID);
            rule("READ-SUB-1", "reason_codes_len written")
                    .assertThat(sub.reasonCodesLen().get())
                    .isBetween(0, 2);

            rule("READ-CONSUME-1", "after the subscribe response, the unsubscribe response")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            MvMqttUnsubscribeResponse unsub = MvMqttUnsubscribeResponse.withRoomFor(8);
            rule("READ-UNSUB-1", "mvMqttReadUnsubscribeResponse")
                    .assertThat(mv.mvMqttReadUnsubscribeResponse(channel, unsub))
                    .isEqualTo(MvStatus.OKAY);
            rules("GEN-NOTCONN-1", "GEN-REF-1")
                    .as("unsubscribe response")
                    .assertThat(unsub.state())
                    .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            rule("READ-UNSUB-1", "correlation_id")
                    .assertThat(unsub.correlationId().get())
                    .isEqualTo(UNSUB_ID);
            rule("READ-UNSUB-1", "reason_codes_len written")
                    .assertThat(unsub.reasonCodesLen().get())
                    .isBetween(0, 1);

            rule("READ-CONSUME-1", "then the publish response")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.PUBLISHRESPONSE);
            MvMqttPublishResponse pub = new MvMqttPublishResponse();
            rule("READ-PUB-1", "mvMqttReadPublishResponse")
                    .assertThat(mv.mvMqttReadPublishResponse(channel, pub))
                    .isEqualTo(MvStatus.OKAY);
            rules("GEN-NOTCONN-1", "GEN-REF-1")
                    .as("publish response")
                    .assertThat(pub.state())
                    .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            rule("READ-PUB-1", "correlation_id").assertThat(pub.correlationId).isEqualTo(PUB_ID);
            rule("READ-PUB-1", "reason_code written").assertThat(pub.reasonCode).isNotEqualTo(-1);

            rule("READ-CONSUME-1", "then the disconnect response")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.DISCONNECTRESPONSE);
            MvMqttDisconnectResponse disc = new MvMqttDisconnectResponse();
            rule("READ-DISC-1", "mvMqttReadDisconnectResponse")
                    .assertThat(mv.mvMqttReadDisconnectResponse(channel, disc))
                    .isEqualTo(MvStatus.OKAY);
            rules("GEN-NOTCONN-1", "GEN-REF-1")
                    .as("disconnect response")
                    .assertThat(disc.state())
                    .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            rule("READ-DISC-1", "disconnect_code written")
                    .assertThat(disc.disconnectCode)
                    .isNotEqualTo(-1);

            rule("READ-CONSUME-1", "each item is read once, then NONE")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            rule("READ-CONSUME-1", "the publish response is gone")
                    .assertThat(mv.mvMqttReadPublishResponse(channel, new MvMqttPublishResponse()))
                    .isNotEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("GEN-NOTCONN-1")
    void requestsOnANeverConnectedChannelDoNotSucceed(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            // Refused, or accepted and answered NOTCONNECTED: either reading of the sources passes.
            MvStatus sub = mv.mvMqttRequestSubscribe(
                    channel, MvMqttSubscribeRequest.of(SUB_ID, MvMqttSubscription.of("tck/a", 0)));
            if (sub == MvStatus.OKAY) {
                fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
                MvMqttSubscribeResponse r = MvMqttSubscribeResponse.withRoomFor(8);
                assertThat(mv.mvMqttReadSubscribeResponse(channel, r)).isEqualTo(MvStatus.OKAY);
                rule("GEN-NOTCONN-1", "an accepted subscribe before any connect")
                        .assertThat(r.state())
                        .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            }
            MvStatus pub = mv.mvMqttRequestPublish(
                    channel, MvMqttPublishRequest.of(PUB_ID, "tck/a", new byte[] {1}, 0, false));
            if (pub == MvStatus.OKAY) {
                fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
                MvMqttPublishResponse r = new MvMqttPublishResponse();
                assertThat(mv.mvMqttReadPublishResponse(channel, r)).isEqualTo(MvStatus.OKAY);
                rule("GEN-NOTCONN-1", "an accepted publish before any connect")
                        .assertThat(r.state())
                        .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            }
            MvStatus disc = mv.mvMqttRequestDisconnect(channel);
            if (disc == MvStatus.OKAY) {
                fw.awaitReadable(channel, MvMqttReadableDataType.DISCONNECTRESPONSE);
                MvMqttDisconnectResponse r = new MvMqttDisconnectResponse();
                assertThat(mv.mvMqttReadDisconnectResponse(channel, r)).isEqualTo(MvStatus.OKAY);
                rule("GEN-NOTCONN-1", "an accepted disconnect before any connect")
                        .assertThat(r.state())
                        .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            }
        }
    }

    @DeviceTest
    @Asserts("GEN-CORR-1")
    void responsesCarryTheRequestsCorrelationId(TckSettings settings) {
        int[] ids = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0xDEADBEEF, 12345};
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            for (int id : ids) {
                assertThat(mv.mvMqttRequestPublish(
                                channel, MvMqttPublishRequest.of(id, "tck/corr", new byte[] {1}, 0, false)))
                        .as("publish")
                        .isEqualTo(MvStatus.OKAY);
            }
            for (int id : ids) {
                fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
                MvMqttPublishResponse r = new MvMqttPublishResponse();
                assertThat(mv.mvMqttReadPublishResponse(channel, r)).as("read").isEqualTo(MvStatus.OKAY);
                rule("GEN-CORR-1", "publish response for correlation id 0x%08x", id)
                        .assertThat(r.correlationId)
                        .isEqualTo(id);
            }
            for (int id : ids) {
                assertThat(mv.mvMqttRequestSubscribe(
                                channel, MvMqttSubscribeRequest.of(id, MvMqttSubscription.of("tck/corr", 0))))
                        .as("subscribe")
                        .isEqualTo(MvStatus.OKAY);
                fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
                MvMqttSubscribeResponse s = MvMqttSubscribeResponse.withRoomFor(1);
                assertThat(mv.mvMqttReadSubscribeResponse(channel, s))
                        .as("read")
                        .isEqualTo(MvStatus.OKAY);
                rule("GEN-CORR-1", "subscribe response for correlation id 0x%08x", id)
                        .assertThat(s.correlationId().get())
                        .isEqualTo(id);
                assertThat(mv.mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(id, "tck/corr")))
                        .as("unsubscribe")
                        .isEqualTo(MvStatus.OKAY);
                fw.awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
                MvMqttUnsubscribeResponse u = MvMqttUnsubscribeResponse.withRoomFor(1);
                assertThat(mv.mvMqttReadUnsubscribeResponse(channel, u))
                        .as("read")
                        .isEqualTo(MvStatus.OKAY);
                rule("GEN-CORR-1", "unsubscribe response for correlation id 0x%08x", id)
                        .assertThat(u.correlationId().get())
                        .isEqualTo(id);
            }
        }
    }

    @DeviceTest
    @Asserts({"READ-REF-1", "READ-REF-2", "READ-REF-3"})
    void wrongAndEmptyReads(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            U32Ref type = new U32Ref(-1);
            rule("READ-REF-3", "next readable type with nothing waiting")
                    .assertThat(mv.mvMqttGetNextReadableDataType(channel, type))
                    .isEqualTo(MvStatus.OKAY);
            rule("READ-REF-3", "NONE written")
                    .assertThat(MvMqttReadableDataType.of(type.get()))
                    .isEqualTo(MvMqttReadableDataType.NONE);
            List<String> reads =
                    List.of("connect", "subscribe", "unsubscribe", "publish", "disconnect", "message", "lost");
            for (String read : reads) {
                rule("READ-REF-2", "%s read with nothing waiting", read)
                        .assertThat(read(mv, channel, read))
                        .isEqualTo(MvStatus.RESPONSENOTPRESENT);
            }
            assertThat(mv.mvMqttRequestPublish(
                            channel, MvMqttPublishRequest.of(9, "tck/read", new byte[] {1}, 0, false)))
                    .as("publish")
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
            for (String read : reads) {
                if (!read.equals("publish")) {
                    rule("READ-REF-1", "%s read while a publish response waits", read)
                            .assertThat(read(mv, channel, read))
                            .isEqualTo(MvStatus.WRONGDATAREQUESTED);
                }
            }
            rule("READ-REF-1", "the wrong reads consumed nothing")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.PUBLISHRESPONSE);
            MvMqttPublishResponse r = new MvMqttPublishResponse();
            rule("READ-REF-1", "the right read still gets it")
                    .assertThat(mv.mvMqttReadPublishResponse(channel, r))
                    .isEqualTo(MvStatus.OKAY);
            rule("READ-REF-1", "the right read gets the publish response")
                    .assertThat(r)
                    .hasCorrelationId(9);
            rule("READ-REF-2", "once read, nothing is waiting")
                    .assertThat(read(mv, channel, "publish"))
                    .isEqualTo(MvStatus.RESPONSENOTPRESENT);
        }
    }

    private static MvStatus read(Microvisor mv, int channel, String what) {
        switch (what) {
            case "connect":
                return mv.mvMqttReadConnectResponse(channel, new MvMqttConnectResponse());
            case "subscribe":
                return mv.mvMqttReadSubscribeResponse(channel, MvMqttSubscribeResponse.withRoomFor(8));
            case "unsubscribe":
                return mv.mvMqttReadUnsubscribeResponse(channel, MvMqttUnsubscribeResponse.withRoomFor(8));
            case "publish":
                return mv.mvMqttReadPublishResponse(channel, new MvMqttPublishResponse());
            case "disconnect":
                return mv.mvMqttReadDisconnectResponse(channel, new MvMqttDisconnectResponse());
            case "message":
                return mv.mvMqttReceiveMessage(channel, MvMqttMessage.allocate(256, 256));
            default:
                return mv.mvMqttReceiveLostMessageInfo(channel, MvMqttLostMessageInfo.allocate(256));
        }
    }

    @DeviceTest
    @Asserts("GEN-FAULT-1")
    void nullTopLevelArgumentsOfTheMqttCallsAnswerParameterFault(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            rule("GEN-FAULT-1", "mvMqttGetNextReadableDataType(null cell)")
                    .assertThat(mv.mvMqttGetNextReadableDataType(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttRequestConnect(null)")
                    .assertThat(mv.mvMqttRequestConnect(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttRequestSubscribe(null)")
                    .assertThat(mv.mvMqttRequestSubscribe(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttRequestUnsubscribe(null)")
                    .assertThat(mv.mvMqttRequestUnsubscribe(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttRequestPublish(null)")
                    .assertThat(mv.mvMqttRequestPublish(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            // response holders: checked with a response waiting, so the pointer is the only fault
            requestAll(mv, channel);
            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            rule("GEN-FAULT-1", "mvMqttReadConnectResponse(null)")
                    .assertThat(mv.mvMqttReadConnectResponse(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttReadSubscribeResponse(null)")
                    .assertThat(mv.mvMqttReadSubscribeResponse(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttReadUnsubscribeResponse(null)")
                    .assertThat(mv.mvMqttReadUnsubscribeResponse(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttReadPublishResponse(null)")
                    .assertThat(mv.mvMqttReadPublishResponse(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttReadDisconnectResponse(null)")
                    .assertThat(mv.mvMqttReadDisconnectResponse(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttReceiveMessage(null)")
                    .assertThat(mv.mvMqttReceiveMessage(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "mvMqttReceiveLostMessageInfo(null)")
                    .assertThat(mv.mvMqttReceiveLostMessageInfo(channel, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("GEN-FAULT-1", "the faults consumed nothing")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
            assertThat(mv.mvMqttReadSubscribeResponse(channel, MvMqttSubscribeResponse.withRoomFor(8)))
                    .as("the channel is still usable")
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    /**
     * One fresh channel per fault (a request's LATEFAULT leaves its channel unusable). A response holder's nested
     * null answers LATEFAULT; a request's answers PARAMETERFAULT or LATEFAULT, both in the header's list.
     */
    private static MvStatus nestedFault(
            TckSettings settings, String what, boolean inRequest, BiFunction<Microvisor, Integer, MvStatus> call) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            if (!inRequest) {
                requestAll(fw.mv(), channel);
                fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            }
            MvStatus status = call.apply(fw.mv(), channel);
            if (inRequest) {
                rule("GEN-FAULT-2", "%s", what).assertThat(status).isIn(MvStatus.PARAMETERFAULT, MvStatus.LATEFAULT);
            } else {
                rule("GEN-FAULT-2", "%s", what).assertThat(status).isEqualTo(MvStatus.LATEFAULT);
            }
            return status;
        }
    }

    /** The request faults of the header's four request calls, each on a fresh channel by {@link #nestedFault}. */
    private static final Map<String, BiFunction<Microvisor, Integer, MvStatus>> REQUEST_FAULTS = Map.of(
            "subscribe request with a null subscription topic",
                    (mv, ch) -> mv.mvMqttRequestSubscribe(
                            ch,
                            new MvMqttSubscribeRequest(
                                    1, Collections.singletonList(new MvMqttSubscription(null, 0, 0, 0, 0)), 1)),
            "subscribe request with a null subscriptions array",
                    (mv, ch) -> mv.mvMqttRequestSubscribe(ch, new MvMqttSubscribeRequest(1, null, 1)),
            "unsubscribe request with a null topics array",
                    (mv, ch) -> mv.mvMqttRequestUnsubscribe(ch, new MvMqttUnsubscribeRequest(1, null, 2)),
            "publish request with a null topic",
                    (mv, ch) -> mv.mvMqttRequestPublish(
                            ch, new MvMqttPublishRequest(1, null, MvSizedString.of(new byte[] {1}), 0, 0)),
            "publish request with a null payload",
                    (mv, ch) -> mv.mvMqttRequestPublish(
                            ch, new MvMqttPublishRequest(1, MvSizedString.of("tck/x"), null, 0, 0)),
            "connect request with a host whose length exceeds its data",
                    (mv, ch) -> mv.mvMqttRequestConnect(
                            ch,
                            Devices.connectRequest(Devices.deadPort())
                                    .host(MvSizedString.raw(new byte[] {'h'}, 9))
                                    .build()));

    @DeviceTest
    @Asserts("GEN-FAULT-2")
    void nestedNullPointersAnswerParameterFaultOrLateFault(TckSettings settings) {
        nestedFault(
                settings,
                "subscribe response with a null reason_codes_len cell",
                false,
                (mv, ch) -> mv.mvMqttReadSubscribeResponse(
                        ch, new MvMqttSubscribeResponse(new U32Ref(), new U32Ref(), ByteBuffer.allocate(32), 8, null)));
        nestedFault(
                settings,
                "subscribe response with a null request_state cell",
                false,
                (mv, ch) -> mv.mvMqttReadSubscribeResponse(
                        ch, new MvMqttSubscribeResponse(null, new U32Ref(), ByteBuffer.allocate(32), 8, new U32Ref())));
        nestedFault(
                settings,
                "subscribe response with a null reason codes buffer",
                false,
                (mv, ch) -> mv.mvMqttReadSubscribeResponse(
                        ch, new MvMqttSubscribeResponse(new U32Ref(), new U32Ref(), null, 8, new U32Ref())));
        nestedFault(
                settings,
                "message holder with a null topic buffer",
                false,
                (mv, ch) -> mv.mvMqttReceiveMessage(
                        ch,
                        new MvMqttMessage(
                                new U32Ref(), null, MvSizedStringBuffer.allocate(64), new U32Ref(), new U32Ref())));
        REQUEST_FAULTS.forEach((what, call) -> nestedFault(settings, what, true, call));
    }

    @DeviceTest
    @Asserts("GEN-FAULT-3")
    void noRequestIsAcceptedAfterARequestsLateFault(TckSettings settings) {
        int checked = 0;
        for (Map.Entry<String, BiFunction<Microvisor, Integer, MvStatus>> fault : REQUEST_FAULTS.entrySet()) {
            try (Firmware fw = Firmware.start(settings)) {
                Microvisor mv = fw.mv();
                int channel = fw.openChannel();
                if (fault.getValue().apply(mv, channel) != MvStatus.LATEFAULT) {
                    continue; // PARAMETERFAULT: the channel stays usable (GEN-REFUSED-2)
                }
                checked++;
                rule("GEN-FAULT-3", "connect after the LATEFAULT of a %s", fault.getKey())
                        .assertThat(mv.mvMqttRequestConnect(
                                channel,
                                Devices.connectRequest(Devices.deadPort()).build()))
                        .isNotEqualTo(MvStatus.OKAY);
                rule("GEN-FAULT-3", "subscribe after the LATEFAULT of a %s", fault.getKey())
                        .assertThat(mv.mvMqttRequestSubscribe(
                                channel, MvMqttSubscribeRequest.of(2, MvMqttSubscription.of("tck/late", 0))))
                        .isNotEqualTo(MvStatus.OKAY);
                rule("GEN-FAULT-3", "unsubscribe after the LATEFAULT of a %s", fault.getKey())
                        .assertThat(mv.mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(3, "tck/late")))
                        .isNotEqualTo(MvStatus.OKAY);
                rule("GEN-FAULT-3", "publish after the LATEFAULT of a %s", fault.getKey())
                        .assertThat(mv.mvMqttRequestPublish(
                                channel, MvMqttPublishRequest.of(4, "tck/late", new byte[] {1}, 0, false)))
                        .isNotEqualTo(MvStatus.OKAY);
            }
        }
        Assumptions.assumeTrue(
                checked > 0, "the implementation answers every nested request fault PARAMETERFAULT, never LATEFAULT");
    }

    @DeviceTest
    @Asserts("GEN-REF-6")
    void aReadsLateFaultConsumesNothingAndKeepsTheChannel(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            requestAll(mv, channel);
            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            rule("GEN-REF-6", "a read with a null reason_codes_len cell")
                    .assertThat(mv.mvMqttReadSubscribeResponse(
                            channel,
                            new MvMqttSubscribeResponse(new U32Ref(), new U32Ref(), ByteBuffer.allocate(32), 8, null)))
                    .isEqualTo(MvStatus.LATEFAULT);
            rule("GEN-REF-6", "the response is still next")
                    .assertThat(Devices.nextReadable(mv, channel))
                    .isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
            rule("GEN-REF-6", "the same read with good pointers")
                    .assertThat(mv.mvMqttReadSubscribeResponse(channel, MvMqttSubscribeResponse.withRoomFor(8)))
                    .isEqualTo(MvStatus.OKAY);
            rule("GEN-REF-6", "the channel still takes requests")
                    .assertThat(mv.mvMqttRequestPublish(
                            channel, MvMqttPublishRequest.of(9, "tck/after", new byte[] {1}, 0, false)))
                    .isEqualTo(MvStatus.OKAY);
        }
    }
}
