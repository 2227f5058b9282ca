package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;

@Violation(
        rules = {"CONN-ELEM-1"},
        breaks = "a connect whose host has length 0 is accepted (it connects to 127.0.0.1 instead).")
public final class AcceptsEmptyHost implements BrokenProvider {
    @Override
    public String name() {
        return "broken-accepts-empty-host";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttRequestConnect(int channelHandle, MvMqttConnectRequest request) {
                // CONN-ELEM-1 broken: an empty host is filled in instead of answering REQUIREDELEMENTMISSING.
                if (request != null
                        && request.host() != null
                        && request.host().isValid()
                        && request.host().length() == 0) {
                    request = request.toBuilder()
                            .host(MvSizedString.of("127.0.0.1"))
                            .build();
                }
                return delegate.mvMqttRequestConnect(channelHandle, request);
            }
        };
    }
}
