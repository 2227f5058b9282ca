package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;

@Violation(
        rules = {"HANDLE-ZERO-1"},
        breaks = "mvCloseChannel leaves the handle in the caller cell instead of writing 0.")
public final class KeepsHandleOnClose implements BrokenProvider {
    @Override
    public String name() {
        return "broken-keeps-handle-on-close";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvCloseChannel(U32Ref handle) {
                int before = handle == null ? 0 : handle.get();
                MvStatus status = delegate.mvCloseChannel(handle);
                // HANDLE-ZERO-1 broken: the closed handle is written back instead of 0.
                if (status == MvStatus.OKAY) {
                    handle.set(before);
                }
                return status;
            }
        };
    }
}
