package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.net.MvOpenChannelParams;

/**
 * The first channel a device opens is given handle 0 (mapped back internally).
 */
@Violation(
        rules = {"HANDLE-NONZERO-1"},
        breaks = "the first channel opened gets handle 0.")
public final class ZeroChannelHandle implements BrokenProvider {
    @Override
    public String name() {
        return "broken-zero-channel-handle";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            private int aliased;
            private boolean used;

            @Override
            protected synchronized int channel(int applicationHandle) {
                return applicationHandle == 0 && aliased != 0 ? aliased : applicationHandle;
            }

            @Override
            public synchronized MvStatus mvOpenChannel(MvOpenChannelParams params, U32Ref handle) {
                MvStatus status = delegate.mvOpenChannel(params, handle);
                // HANDLE-NONZERO-1 broken: the device's first channel is handed out as 0.
                if (status == MvStatus.OKAY && !used) {
                    used = true;
                    aliased = handle.get();
                    handle.set(0);
                }
                return status;
            }

            @Override
            public synchronized MvStatus mvCloseChannel(U32Ref handle) {
                if (handle != null && handle.get() == 0 && aliased != 0) {
                    U32Ref real = new U32Ref(aliased);
                    MvStatus status = delegate.mvCloseChannel(real);
                    if (status == MvStatus.OKAY) {
                        aliased = 0;
                        handle.set(real.get());
                    }
                    return status;
                }
                return delegate.mvCloseChannel(handle);
            }
        };
    }
}
