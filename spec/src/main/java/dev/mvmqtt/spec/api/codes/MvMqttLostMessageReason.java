package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvMqttLostMessageReason}, constants {@code MV_MQTTLOSTMESSAGEREASON_*}: why a message was lost, as {@code mvMqttReceiveLostMessageInfo} reports it.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvMqttLostMessageReason extends CodedValue {
    private static final Registry<MvMqttLostMessageReason> REGISTRY = new Registry<>(
            (c, n) -> new MvMqttLostMessageReason(c, n, true), (c, n) -> new MvMqttLostMessageReason(c, n, false));

    /** {@code MV_MQTTLOSTMESSAGEREASON_DEVICERECEIVEBUFFERTOOSMALL} = 0. */
    public static final MvMqttLostMessageReason DEVICERECEIVEBUFFERTOOSMALL =
            REGISTRY.define(0, "DEVICERECEIVEBUFFERTOOSMALL");

    private MvMqttLostMessageReason(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvMqttLostMessageReason of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvMqttLostMessageReason named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvMqttLostMessageReason> values() {
        return REGISTRY.values();
    }
}
