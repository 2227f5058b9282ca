package dev.mvmqtt.tck.broken;

import dev.mvmqtt.reference.device.Memory;
import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;
import java.nio.ByteBuffer;

@Violation(
        rules = {"CHAN-BUF-1"},
        breaks =
                "opens an MQTT channel whose send buffer is not 512-byte aligned (hands the reference an aligned copy).")
public final class AcceptsMisalignedSendBuffer implements BrokenProvider {
    @Override
    public String name() {
        return "broken-misaligned-send-buffer";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvOpenChannel(MvOpenChannelParams params, U32Ref handle) {
                // CHAN-BUF-1 broken: a misaligned send buffer is swapped for an aligned one of the same
                // declared length instead of answering INVALIDBUFFERALIGNMENT.
                if (params != null
                        && params.sendBuffer() != null
                        && params.sendBuffer().isDirect()
                        && !Memory.isAligned(params.sendBuffer(), 512)
                        && params.sendBufferLen() >= 0) {
                    ByteBuffer aligned = ByteBuffer.allocateDirect(
                                    params.sendBuffer().capacity() + 512)
                            .alignedSlice(512);
                    params = params.toBuilder()
                            .sendBuffer(aligned, params.sendBufferLen())
                            .build();
                }
                return delegate.mvOpenChannel(params, handle);
            }
        };
    }
}
