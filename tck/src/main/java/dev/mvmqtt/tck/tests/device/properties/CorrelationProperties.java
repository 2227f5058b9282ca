package dev.mvmqtt.tck.tests.device.properties;

import static dev.mvmqtt.tck.RuleCheck.rule;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscribeResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttSubscription;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUnsubscribeResponse;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.settings.TckSettings;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.assertj.core.api.Assertions;

/** GEN-CORR-1 over any 32-bit correlation ids, answered without a broker (never-connected channel). */
@AddLifecycleHook(ReferenceProfileHook.class)
class CorrelationProperties {

    @Property(tries = 50)
    @Asserts("GEN-CORR-1")
    void responsesCarryTheirRequestsCorrelationIds(
            @ForAll @Size(min = 1, max = 16) List<Integer> publishIds,
            @ForAll int subscribeId,
            @ForAll int unsubscribeId) {
        try (Firmware fw = Firmware.start(TckSettings.current())) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            Assertions.assertThat(mv.mvMqttRequestSubscribe(
                            channel, MvMqttSubscribeRequest.of(subscribeId, MvMqttSubscription.of("tck/c", 0))))
                    .as("subscribe")
                    .isEqualTo(MvStatus.OKAY);
            for (int id : publishIds) {
                Assertions.assertThat(mv.mvMqttRequestPublish(
                                channel, MvMqttPublishRequest.of(id, "tck/c", new byte[] {1}, 1, false)))
                        .as("publish")
                        .isEqualTo(MvStatus.OKAY);
            }
            Assertions.assertThat(
                            mv.mvMqttRequestUnsubscribe(channel, MvMqttUnsubscribeRequest.of(unsubscribeId, "tck/c")))
                    .as("unsubscribe")
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(channel, MvMqttReadableDataType.SUBSCRIBERESPONSE);
            MvMqttSubscribeResponse s = MvMqttSubscribeResponse.withRoomFor(1);
            Assertions.assertThat(mv.mvMqttReadSubscribeResponse(channel, s))
                    .as("read")
                    .isEqualTo(MvStatus.OKAY);
            rule("GEN-CORR-1", "subscribe correlation id")
                    .assertThat(s.correlationId().get())
                    .isEqualTo(subscribeId);
            for (int id : publishIds) {
                fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
                MvMqttPublishResponse p = new MvMqttPublishResponse();
                Assertions.assertThat(mv.mvMqttReadPublishResponse(channel, p))
                        .as("read")
                        .isEqualTo(MvStatus.OKAY);
                rule("GEN-CORR-1", "publish correlation id (requests %s)", publishIds)
                        .assertThat(p.correlationId)
                        .isEqualTo(id);
            }
            fw.awaitReadable(channel, MvMqttReadableDataType.UNSUBSCRIBERESPONSE);
            MvMqttUnsubscribeResponse u = MvMqttUnsubscribeResponse.withRoomFor(1);
            Assertions.assertThat(mv.mvMqttReadUnsubscribeResponse(channel, u))
                    .as("read")
                    .isEqualTo(MvStatus.OKAY);
            rule("GEN-CORR-1", "unsubscribe correlation id")
                    .assertThat(u.correlationId().get())
                    .isEqualTo(unsubscribeId);
        }
    }
}
