package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;

@Violation(
        rules = {"CHAN-BUF-1"},
        breaks = "a wrong numeric code, INVALIDBUFFERALIGNMENT from mvOpenChannel is reported as INVALIDBUFFERSIZE.")
public final class ReportsAlignmentAsSize implements BrokenProvider {
    @Override
    public String name() {
        return "broken-alignment-as-size";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvOpenChannel(MvOpenChannelParams params, U32Ref handle) {
                MvStatus status = delegate.mvOpenChannel(params, handle);
                // CHAN-BUF-1 broken: the wrong code for a misaligned buffer.
                return status == MvStatus.INVALIDBUFFERALIGNMENT ? MvStatus.INVALIDBUFFERSIZE : status;
            }
        };
    }
}
