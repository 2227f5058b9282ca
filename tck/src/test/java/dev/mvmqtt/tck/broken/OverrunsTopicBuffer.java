package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedStringBuffer;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttMessage;

/**
 * A message whose topic does not fit the caller's topic buffer is delivered anyway, its topic written past the
 * declared size (as far as the memory goes), and the call answers OKAY.
 */
@Violation(
        rules = {"RECV-SIZE-1", "RECV-REF-1"},
        breaks = "writes a too-long topic past the declared topic buffer size and answers OKAY.")
public final class OverrunsTopicBuffer implements BrokenProvider {
    private static final int BIG = 65536;

    @Override
    public String name() {
        return "broken-overruns-topic-buffer";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttReceiveMessage(int channelHandle, MvMqttMessage message) {
                MvStatus status = delegate.mvMqttReceiveMessage(channelHandle, message);
                if (status != MvStatus.INVALIDBUFFERSIZE
                        || message.topic() == null
                        || !message.topic().isValid()
                        || message.payload() == null
                        || !message.payload().isValid()) {
                    return status;
                }
                MvMqttMessage big = new MvMqttMessage(
                        new U32Ref(),
                        MvSizedStringBuffer.allocate(BIG),
                        MvSizedStringBuffer.allocate(BIG),
                        new U32Ref(),
                        new U32Ref());
                MvStatus again = delegate.mvMqttReceiveMessage(channelHandle, big);
                if (again != MvStatus.OKAY
                        || big.payload().length().get() > message.payload().size()) {
                    return status; // only the topic is mishandled
                }
                // RECV-SIZE-1 broken: the topic goes into the caller's memory beyond the size it declared.
                byte[] topic = big.topic().written();
                int n = Math.min(topic.length, message.topic().data().capacity());
                for (int i = 0; i < n; i++) {
                    message.topic().data().put(i, topic[i]);
                }
                message.topic().length().set(topic.length);
                byte[] payload = big.payload().written();
                for (int i = 0; i < payload.length; i++) {
                    message.payload().data().put(i, payload[i]);
                }
                message.payload().length().set(payload.length);
                copy(big.correlationId(), message.correlationId());
                copy(big.qos(), message.qos());
                copy(big.retain(), message.retain());
                return MvStatus.OKAY;
            }
        };
    }

    private static void copy(U32Ref from, U32Ref to) {
        if (to != null) {
            to.set(from.get());
        }
    }
}
