package dev.mvmqtt.tck.tests.messaging.properties;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.PropertyTarget;
import dev.mvmqtt.tck.junit.TckTarget;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** reason_codes_size is in bytes: a read answers OKAY iff the buffer holds 4 bytes per topic (reference rule). */
@AddLifecycleHook(PropertyTarget.Resolver.class)
class ReasonCodeBufferPropertyTests {
    private TckTarget target;
    private Firmware fw;
    private int channel;
    private int n;

    @BeforeProperty
    void open(PropertyTarget property) {
        target = property.target();
        fw = Firmware.start(target);
        channel = fw.connected(target);
    }

    @AfterProperty
    void close() {
        if (fw != null) {
            fw.close();
        }
    }

    @Property(tries = 25)
    @Asserts("SUB-REF-2")
    void readOkayIffReasonCodesSizeCountsEveryTopic(
            @ForAll @IntRange(min = 1, max = 8) int topics,
            @ForAll @IntRange(min = 0, max = 12) int subSize,
            @ForAll @IntRange(min = 0, max = 12) int unsubSize) {
        List<MvMqttSubscription> subs = new ArrayList<>();
        String[] filters = new String[topics];
        for (int i = 0; i < topics; i++) {
            filters[i] = target.uniqueTopic("rc/" + (n++));
            subs.add(MvMqttSubscription.of(filters[i], i % 2));
        }
        assertThat(fw.mv().mvMqttRequestSubscribe(channel, new MvMqttSubscribeRequest(n, subs, topics)))
                .isEqualTo(MvStatus.OKAY);
        fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
        // The memory always has room for 8 codes; reason_codes_size, a count, decides.
        MvMqttSubscribeResponse sr = new MvMqttSubscribeResponse(
                new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(32), subSize, new U32Ref(-1));
        MvStatus s = fw.mv().mvMqttReadSubscribeResponse(channel, sr);
        boolean fits = subSize >= topics;
        rule("SUB-REF-2", "subscribe read, %d topics, reason_codes_size %d", topics, subSize)
                .assertThat(s)
                .isEqualTo(fits ? MvStatus.OKAY : MvStatus.INVALIDBUFFERSIZE);
        if (!fits) {
            rule("SUB-REF-2", "nothing consumed")
                    .assertThat(fw.nextReadable(channel))
                    .isEqualTo(MvMqttReadableDataType.SUBSCRIBERESPONSE);
            sr = MvMqttSubscribeResponse.withRoomFor(8);
            rule("SUB-REF-2", "retry with room")
                    .assertThat(fw.mv().mvMqttReadSubscribeResponse(channel, sr))
                    .isEqualTo(MvStatus.OKAY);
        }
        assertThat(sr.state()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        rule("SUB-REF-2").assertThat(sr.reasonCodesLen().get()).isEqualTo(topics);

        assertThat(fw.mv().mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(n, filters)))
                .isEqualTo(MvStatus.OKAY);
        fw.awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
        MvMqttUnsubscribeResponse ur = new MvMqttUnsubscribeResponse(
                new U32Ref(-1), new U32Ref(-1), ByteBuffer.allocate(32), unsubSize, new U32Ref(-1));
        fits = unsubSize >= topics;
        rule("SUB-REF-2", "unsubscribe read, %d topics, reason_codes_size %d", topics, unsubSize)
                .assertThat(fw.mv().mvMqttReadUnsubscribeResponse(channel, ur))
                .isEqualTo(fits ? MvStatus.OKAY : MvStatus.INVALIDBUFFERSIZE);
        if (!fits) {
            rule("SUB-REF-2", "nothing consumed")
                    .assertThat(fw.nextReadable(channel))
                    .isEqualTo(MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            ur = MvMqttUnsubscribeResponse.withRoomFor(8);
            assertThat(fw.mv().mvMqttReadUnsubscribeResponse(channel, ur)).isEqualTo(MvStatus.OKAY);
        }
        rule("SUB-REF-2").assertThat(ur.reasonCodesLen().get()).isEqualTo(topics);
    }
}
