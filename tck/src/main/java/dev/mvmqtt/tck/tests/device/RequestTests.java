package dev.mvmqtt.tck.tests.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
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
import java.util.List;
import java.util.Map;
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
        assertThat(mv.mvMqttRequestSubscribe(channel, MvMqttSubscribeRequest.of(SUB_ID, MvMqttSubscription.of("tck/a", 1),
                MvMqttSubscription.of("tck/b", 0)))).as("subscribe").isEqualTo(MvStatus.OKAY);
        assertThat(mv.mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(UNSUB_ID, "tck/a"))).as("unsubscribe").isEqualTo(MvStatus.OKAY);
        assertThat(mv.mvMqttRequestPublish(channel, MvMqttPublishRequest.of(PUB_ID, "tck/a", new byte[] {1, 2}, 1, false)))
                .as("publish").isEqualTo(MvStatus.OKAY);
        assertThat(mv.mvMqttRequestDisconnect(channel)).as("disconnect").isEqualTo(MvStatus.OKAY);
    }

    @DeviceTest
    @Asserts({"GEN-NOTCONN-1", "GEN-REF-1", "READ-SUB-1", "READ-UNSUB-1", "READ-PUB-1", "READ-DISC-1", "READ-CONSUME-1"})
    void requestsOnANeverConnectedChannelAreAnsweredNotConnected(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            requestAll(mv, channel);

            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            MvMqttSubscribeResponse sub = MvMqttSubscribeResponse.withRoomFor(8);
            assertThat(mv.mvMqttReadSubscribeResponse(channel, sub)).as("READ-SUB-1: mvMqttReadSubscribeResponse").isEqualTo(MvStatus.OKAY);
            assertThat(sub.state()).as("GEN-NOTCONN-1/GEN-REF-1: subscribe response").isEqualTo(MvMqttRequestState.NOTCONNECTED);
            assertThat(sub.correlationId().get()).as("READ-SUB-1: correlation_id").isEqualTo(SUB_ID);
            assertThat(sub.reasonCodesLen().get()).as("READ-SUB-1: reason_codes_len written").isBetween(0, 2);

            assertThat(Devices.nextReadable(mv, channel)).as("READ-CONSUME-1: after the subscribe response, the unsubscribe response")
                    .isEqualTo(MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            MvMqttUnsubscribeResponse unsub = MvMqttUnsubscribeResponse.withRoomFor(8);
            assertThat(mv.mvMqttReadUnsubscribeResponse(channel, unsub)).as("READ-UNSUB-1: mvMqttReadUnsubscribeResponse").isEqualTo(MvStatus.OKAY);
            assertThat(unsub.state()).as("GEN-NOTCONN-1/GEN-REF-1: unsubscribe response").isEqualTo(MvMqttRequestState.NOTCONNECTED);
            assertThat(unsub.correlationId().get()).as("READ-UNSUB-1: correlation_id").isEqualTo(UNSUB_ID);
            assertThat(unsub.reasonCodesLen().get()).as("READ-UNSUB-1: reason_codes_len written").isBetween(0, 1);

            assertThat(Devices.nextReadable(mv, channel)).as("READ-CONSUME-1: then the publish response").isEqualTo(MvMqttReadableDataType.PUBLISHRESPONSE);
            MvMqttPublishResponse pub = new MvMqttPublishResponse();
            assertThat(mv.mvMqttReadPublishResponse(channel, pub)).as("READ-PUB-1: mvMqttReadPublishResponse").isEqualTo(MvStatus.OKAY);
            assertThat(pub.state()).as("GEN-NOTCONN-1/GEN-REF-1: publish response").isEqualTo(MvMqttRequestState.NOTCONNECTED);
            assertThat(pub.correlationId).as("READ-PUB-1: correlation_id").isEqualTo(PUB_ID);
            assertThat(pub.reasonCode).as("READ-PUB-1: reason_code written").isNotEqualTo(-1);

            assertThat(Devices.nextReadable(mv, channel)).as("READ-CONSUME-1: then the disconnect response").isEqualTo(MvMqttReadableDataType.DISCONNECTRESPONSE);
            MvMqttDisconnectResponse disc = new MvMqttDisconnectResponse();
            assertThat(mv.mvMqttReadDisconnectResponse(channel, disc)).as("READ-DISC-1: mvMqttReadDisconnectResponse").isEqualTo(MvStatus.OKAY);
            assertThat(disc.state()).as("GEN-NOTCONN-1/GEN-REF-1: disconnect response").isEqualTo(MvMqttRequestState.NOTCONNECTED);
            assertThat(disc.disconnectCode).as("READ-DISC-1: disconnect_code written").isNotEqualTo(-1);

            assertThat(Devices.nextReadable(mv, channel)).as("READ-CONSUME-1: each item is read once, then NONE").isEqualTo(MvMqttReadableDataType.NONE);
            assertThat(mv.mvMqttReadPublishResponse(channel, new MvMqttPublishResponse())).as("READ-CONSUME-1: the publish response is gone")
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
            MvStatus sub = mv.mvMqttRequestSubscribe(channel, MvMqttSubscribeRequest.of(SUB_ID, MvMqttSubscription.of("tck/a", 0)));
            if (sub == MvStatus.OKAY) {
                fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
                MvMqttSubscribeResponse r = MvMqttSubscribeResponse.withRoomFor(8);
                assertThat(mv.mvMqttReadSubscribeResponse(channel, r)).isEqualTo(MvStatus.OKAY);
                assertThat(r.state()).as("GEN-NOTCONN-1: an accepted subscribe before any connect").isEqualTo(MvMqttRequestState.NOTCONNECTED);
            }
            MvStatus pub = mv.mvMqttRequestPublish(channel, MvMqttPublishRequest.of(PUB_ID, "tck/a", new byte[] {1}, 0, false));
            if (pub == MvStatus.OKAY) {
                fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
                MvMqttPublishResponse r = new MvMqttPublishResponse();
                assertThat(mv.mvMqttReadPublishResponse(channel, r)).isEqualTo(MvStatus.OKAY);
                assertThat(r.state()).as("GEN-NOTCONN-1: an accepted publish before any connect").isEqualTo(MvMqttRequestState.NOTCONNECTED);
            }
            MvStatus disc = mv.mvMqttRequestDisconnect(channel);
            if (disc == MvStatus.OKAY) {
                fw.awaitReadable(channel, MvMqttReadableDataType.DISCONNECTRESPONSE);
                MvMqttDisconnectResponse r = new MvMqttDisconnectResponse();
                assertThat(mv.mvMqttReadDisconnectResponse(channel, r)).isEqualTo(MvStatus.OKAY);
                assertThat(r.state()).as("GEN-NOTCONN-1: an accepted disconnect before any connect").isEqualTo(MvMqttRequestState.NOTCONNECTED);
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
                assertThat(mv.mvMqttRequestPublish(channel, MvMqttPublishRequest.of(id, "tck/corr", new byte[] {1}, 0, false))).as("publish").isEqualTo(MvStatus.OKAY);
            }
            for (int id : ids) {
                fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
                MvMqttPublishResponse r = new MvMqttPublishResponse();
                assertThat(mv.mvMqttReadPublishResponse(channel, r)).as("read").isEqualTo(MvStatus.OKAY);
                assertThat(r.correlationId).as("GEN-CORR-1: publish response for correlation id 0x%08x", id).isEqualTo(id);
            }
            for (int id : ids) {
                assertThat(mv.mvMqttRequestSubscribe(channel, MvMqttSubscribeRequest.of(id, MvMqttSubscription.of("tck/corr", 0)))).as("subscribe").isEqualTo(MvStatus.OKAY);
                fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
                MvMqttSubscribeResponse s = MvMqttSubscribeResponse.withRoomFor(1);
                assertThat(mv.mvMqttReadSubscribeResponse(channel, s)).as("read").isEqualTo(MvStatus.OKAY);
                assertThat(s.correlationId().get()).as("GEN-CORR-1: subscribe response for correlation id 0x%08x", id).isEqualTo(id);
                assertThat(mv.mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(id, "tck/corr"))).as("unsubscribe").isEqualTo(MvStatus.OKAY);
                fw.awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
                MvMqttUnsubscribeResponse u = MvMqttUnsubscribeResponse.withRoomFor(1);
                assertThat(mv.mvMqttReadUnsubscribeResponse(channel, u)).as("read").isEqualTo(MvStatus.OKAY);
                assertThat(u.correlationId().get()).as("GEN-CORR-1: unsubscribe response for correlation id 0x%08x", id).isEqualTo(id);
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
            assertThat(mv.mvMqttGetNextReadableDataType(channel, type)).as("READ-REF-3: next readable type with nothing waiting")
                    .isEqualTo(MvStatus.OKAY);
            assertThat(MvMqttReadableDataType.of(type.get())).as("READ-REF-3: NONE written").isEqualTo(MvMqttReadableDataType.NONE);
            List<String> reads = List.of("connect", "subscribe", "unsubscribe", "publish", "disconnect", "message", "lost");
            for (String read : reads) {
                assertThat(read(mv, channel, read)).as("READ-REF-2: %s read with nothing waiting", read).isEqualTo(MvStatus.RESPONSENOTPRESENT);
            }
            assertThat(mv.mvMqttRequestPublish(channel, MvMqttPublishRequest.of(9, "tck/read", new byte[] {1}, 0, false))).as("publish").isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
            for (String read : reads) {
                if (!read.equals("publish")) {
                    assertThat(read(mv, channel, read)).as("READ-REF-1: %s read while a publish response waits", read)
                            .isEqualTo(MvStatus.WRONGDATAREQUESTED);
                }
            }
            assertThat(Devices.nextReadable(mv, channel)).as("READ-REF-1: the wrong reads consumed nothing").isEqualTo(MvMqttReadableDataType.PUBLISHRESPONSE);
            MvMqttPublishResponse r = new MvMqttPublishResponse();
            assertThat(mv.mvMqttReadPublishResponse(channel, r)).as("READ-REF-1: the right read still gets it").isEqualTo(MvStatus.OKAY);
            assertThat(r.correlationId).as("its correlation id").isEqualTo(9);
            assertThat(read(mv, channel, "publish")).as("READ-REF-2: once read, nothing is waiting").isEqualTo(MvStatus.RESPONSENOTPRESENT);
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
            assertThat(mv.mvMqttGetNextReadableDataType(channel, null)).as("GEN-FAULT-1: mvMqttGetNextReadableDataType(null cell)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttRequestConnect(channel, null)).as("GEN-FAULT-1: mvMqttRequestConnect(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttRequestSubscribe(channel, null)).as("GEN-FAULT-1: mvMqttRequestSubscribe(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttRequestUnsubscribe(channel, null)).as("GEN-FAULT-1: mvMqttRequestUnsubscribe(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttRequestPublish(channel, null)).as("GEN-FAULT-1: mvMqttRequestPublish(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            // response holders: checked with a response waiting, so the pointer is the only fault
            requestAll(mv, channel);
            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            assertThat(mv.mvMqttReadConnectResponse(channel, null)).as("GEN-FAULT-1: mvMqttReadConnectResponse(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttReadSubscribeResponse(channel, null)).as("GEN-FAULT-1: mvMqttReadSubscribeResponse(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttReadUnsubscribeResponse(channel, null)).as("GEN-FAULT-1: mvMqttReadUnsubscribeResponse(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttReadPublishResponse(channel, null)).as("GEN-FAULT-1: mvMqttReadPublishResponse(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttReadDisconnectResponse(channel, null)).as("GEN-FAULT-1: mvMqttReadDisconnectResponse(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttReceiveMessage(channel, null)).as("GEN-FAULT-1: mvMqttReceiveMessage(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(mv.mvMqttReceiveLostMessageInfo(channel, null)).as("GEN-FAULT-1: mvMqttReceiveLostMessageInfo(null)").isEqualTo(MvStatus.PARAMETERFAULT);
            assertThat(Devices.nextReadable(mv, channel)).as("the faults consumed nothing").isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
            assertThat(mv.mvMqttReadSubscribeResponse(channel, MvMqttSubscribeResponse.withRoomFor(8))).as("the channel is still usable")
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    /**
     * One fresh channel per fault (a request's LATEFAULT leaves its channel unusable). A response holder's nested
     * null answers LATEFAULT; a request's answers PARAMETERFAULT or LATEFAULT, both in the header's list.
     */
    private static MvStatus nestedFault(TckSettings settings, String what, boolean inRequest,
                                        java.util.function.BiFunction<Microvisor, Integer, MvStatus> call) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            if (!inRequest) {
                requestAll(fw.mv(), channel);
                fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            }
            MvStatus status = call.apply(fw.mv(), channel);
            if (inRequest) {
                assertThat(status).as("GEN-FAULT-2: %s", what).isIn(MvStatus.PARAMETERFAULT, MvStatus.LATEFAULT);
            } else {
                assertThat(status).as("GEN-FAULT-2: %s", what).isEqualTo(MvStatus.LATEFAULT);
            }
            return status;
        }
    }

    /** The request faults of the header's four request calls, each on a fresh channel by {@link #nestedFault}. */
    private static final Map<String, java.util.function.BiFunction<Microvisor, Integer, MvStatus>> REQUEST_FAULTS = Map.of(
            "subscribe request with a null subscription topic", (mv, ch) -> mv.mvMqttRequestSubscribe(ch,
                    new MvMqttSubscribeRequest(1, java.util.Collections.singletonList(new MvMqttSubscription(null, 0, 0, 0, 0)), 1)),
            "subscribe request with a null subscriptions array", (mv, ch) -> mv.mvMqttRequestSubscribe(ch,
                    new MvMqttSubscribeRequest(1, null, 1)),
            "unsubscribe request with a null topics array", (mv, ch) -> mv.mvMqttRequestUnsubscribe(ch,
                    new MvMqttUnsubscribeRequest(1, null, 2)),
            "publish request with a null topic", (mv, ch) -> mv.mvMqttRequestPublish(ch,
                    new MvMqttPublishRequest(1, null, MvSizedString.of(new byte[] {1}), 0, 0)),
            "publish request with a null payload", (mv, ch) -> mv.mvMqttRequestPublish(ch,
                    new MvMqttPublishRequest(1, MvSizedString.of("tck/x"), null, 0, 0)),
            "connect request with a host whose length exceeds its data", (mv, ch) -> mv.mvMqttRequestConnect(ch,
                    Devices.connectRequest(Devices.deadPort()).host(MvSizedString.raw(new byte[] {'h'}, 9)).build()));

    @DeviceTest
    @Asserts("GEN-FAULT-2")
    void nestedNullPointersAnswerParameterFaultOrLateFault(TckSettings settings) {
        nestedFault(settings, "subscribe response with a null reason_codes_len cell", false, (mv, ch) -> mv.mvMqttReadSubscribeResponse(ch,
                new MvMqttSubscribeResponse(new U32Ref(), new U32Ref(), ByteBuffer.allocate(32), 8, null)));
        nestedFault(settings, "subscribe response with a null request_state cell", false, (mv, ch) -> mv.mvMqttReadSubscribeResponse(ch,
                new MvMqttSubscribeResponse(null, new U32Ref(), ByteBuffer.allocate(32), 8, new U32Ref())));
        nestedFault(settings, "subscribe response with a null reason codes buffer", false, (mv, ch) -> mv.mvMqttReadSubscribeResponse(ch,
                new MvMqttSubscribeResponse(new U32Ref(), new U32Ref(), null, 8, new U32Ref())));
        nestedFault(settings, "message holder with a null topic buffer", false, (mv, ch) -> mv.mvMqttReceiveMessage(ch,
                new MvMqttMessage(new U32Ref(), null, MvSizedStringBuffer.allocate(64), new U32Ref(), new U32Ref())));
        REQUEST_FAULTS.forEach((what, call) -> nestedFault(settings, what, true, call));
    }

    @DeviceTest
    @Asserts("GEN-FAULT-3")
    void noRequestIsAcceptedAfterARequestsLateFault(TckSettings settings) {
        int checked = 0;
        for (Map.Entry<String, java.util.function.BiFunction<Microvisor, Integer, MvStatus>> fault : REQUEST_FAULTS.entrySet()) {
            try (Firmware fw = Firmware.start(settings)) {
                Microvisor mv = fw.mv();
                int channel = fw.openChannel();
                if (fault.getValue().apply(mv, channel) != MvStatus.LATEFAULT) {
                    continue; // PARAMETERFAULT: the channel stays usable (GEN-REFUSED-2)
                }
                checked++;
                assertThat(mv.mvMqttRequestConnect(channel, Devices.connectRequest(Devices.deadPort()).build()))
                        .as("GEN-FAULT-3: connect after the LATEFAULT of a %s", fault.getKey()).isNotEqualTo(MvStatus.OKAY);
                assertThat(mv.mvMqttRequestSubscribe(channel, MvMqttSubscribeRequest.of(2, MvMqttSubscription.of("tck/late", 0))))
                        .as("GEN-FAULT-3: subscribe after the LATEFAULT of a %s", fault.getKey()).isNotEqualTo(MvStatus.OKAY);
                assertThat(mv.mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(3, "tck/late")))
                        .as("GEN-FAULT-3: unsubscribe after the LATEFAULT of a %s", fault.getKey()).isNotEqualTo(MvStatus.OKAY);
                assertThat(mv.mvMqttRequestPublish(channel, MvMqttPublishRequest.of(4, "tck/late", new byte[] {1}, 0, false)))
                        .as("GEN-FAULT-3: publish after the LATEFAULT of a %s", fault.getKey()).isNotEqualTo(MvStatus.OKAY);
            }
        }
        Assumptions.assumeTrue(checked > 0, "the implementation answers every nested request fault PARAMETERFAULT, never LATEFAULT");
    }

    @DeviceTest
    @Asserts("GEN-REF-6")
    void aReadsLateFaultConsumesNothingAndKeepsTheChannel(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            requestAll(mv, channel);
            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            assertThat(mv.mvMqttReadSubscribeResponse(channel, new MvMqttSubscribeResponse(new U32Ref(), new U32Ref(), ByteBuffer.allocate(32), 8, null)))
                    .as("GEN-REF-6: a read with a null reason_codes_len cell").isEqualTo(MvStatus.LATEFAULT);
            assertThat(Devices.nextReadable(mv, channel)).as("GEN-REF-6: the response is still next").isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
            assertThat(mv.mvMqttReadSubscribeResponse(channel, MvMqttSubscribeResponse.withRoomFor(8)))
                    .as("GEN-REF-6: the same read with good pointers").isEqualTo(MvStatus.OKAY);
            assertThat(mv.mvMqttRequestPublish(channel, MvMqttPublishRequest.of(9, "tck/after", new byte[] {1}, 0, false)))
                    .as("GEN-REF-6: the channel still takes requests").isEqualTo(MvStatus.OKAY);
        }
    }
}
