package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvNetworkStatus;
import dev.mvmqtt.spec.api.codes.MvStatus;

@Violation(
        rules = {"NET-STATUS-1"},
        breaks = "mvGetNetworkStatus writes 4, a code outside MvNetworkStatus, for a connected network.")
public final class WrongNetworkStatusCode implements BrokenProvider {
    @Override
    public String name() {
        return "broken-network-status-code";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvGetNetworkStatus(int networkHandle, U32Ref status) {
                MvStatus result = delegate.mvGetNetworkStatus(networkHandle, status);
                // NET-STATUS-1 broken: CONNECTED (1) is written as 4.
                if (result == MvStatus.OKAY && status.get() == MvNetworkStatus.CONNECTED.code()) {
                    status.set(4);
                }
                return result;
            }
        };
    }
}
