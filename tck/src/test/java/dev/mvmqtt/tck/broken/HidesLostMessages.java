package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttLostMessageInfo;

/**
 * MESSAGELOST is never reported; a lost message's info is consumed silently.
 */
@Violation(
        rules = {"LOST-MSG-1", "READ-LOST-1"},
        breaks = "a message too large for the receive buffer vanishes without MESSAGELOST.")
public final class HidesLostMessages implements BrokenProvider {
    @Override
    public String name() {
        return "broken-hides-lost-messages";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new DelegatingMicrovisor(reference) {
            @Override
            public MvStatus mvMqttGetNextReadableDataType(int channelHandle, U32Ref dataType) {
                MvStatus status = delegate.mvMqttGetNextReadableDataType(channelHandle, dataType);
                // LOST-MSG-1 broken: lost-message items are swallowed before the application sees them.
                while (status == MvStatus.OKAY && dataType.get() == MvMqttReadableDataType.MESSAGELOST.code()) {
                    if (delegate.mvMqttReceiveLostMessageInfo(channelHandle, MvMqttLostMessageInfo.allocate(65536))
                            != MvStatus.OKAY) {
                        break;
                    }
                    status = delegate.mvMqttGetNextReadableDataType(channelHandle, dataType);
                }
                return status;
            }
        };
    }
}
