package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvMqttProtocolVersion}, constants {@code MV_MQTTPROTOCOLVERSION_*}: the MQTT version a connect request asks for.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvMqttProtocolVersion extends CodedValue {
    private static final Registry<MvMqttProtocolVersion> REGISTRY = new Registry<>(
            (c, n) -> new MvMqttProtocolVersion(c, n, true), (c, n) -> new MvMqttProtocolVersion(c, n, false));

    /** {@code MV_MQTTPROTOCOLVERSION_V3_1_1} = 0. */
    public static final MvMqttProtocolVersion V3_1_1 = REGISTRY.define(0, "V3_1_1");
    /** {@code MV_MQTTPROTOCOLVERSION_V5} = 1. */
    public static final MvMqttProtocolVersion V5 = REGISTRY.define(1, "V5");

    private MvMqttProtocolVersion(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvMqttProtocolVersion of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvMqttProtocolVersion named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvMqttProtocolVersion> values() {
        return REGISTRY.values();
    }
}
