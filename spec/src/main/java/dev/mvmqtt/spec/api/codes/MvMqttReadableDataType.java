package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvMqttReadableDataType}, constants {@code MV_MQTTREADABLEDATATYPE_*}: what {@code mvMqttGetNextReadableDataType} says is waiting on a channel. There is no connection-lost type.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvMqttReadableDataType extends CodedValue {
    private static final Registry<MvMqttReadableDataType> REGISTRY = new Registry<>(
            (c, n) -> new MvMqttReadableDataType(c, n, true), (c, n) -> new MvMqttReadableDataType(c, n, false));

    /** {@code MV_MQTTREADABLEDATATYPE_NONE} = 0. */
    public static final MvMqttReadableDataType NONE = REGISTRY.define(0, "NONE");
    /** {@code MV_MQTTREADABLEDATATYPE_MESSAGERECEIVED} = 1. */
    public static final MvMqttReadableDataType MESSAGERECEIVED = REGISTRY.define(1, "MESSAGERECEIVED");
    /** {@code MV_MQTTREADABLEDATATYPE_MESSAGELOST} = 2. */
    public static final MvMqttReadableDataType MESSAGELOST = REGISTRY.define(2, "MESSAGELOST");
    /** {@code MV_MQTTREADABLEDATATYPE_CONNECTRESPONSE} = 3. */
    public static final MvMqttReadableDataType CONNECTRESPONSE = REGISTRY.define(3, "CONNECTRESPONSE");
    /** {@code MV_MQTTREADABLEDATATYPE_SUBSCRIBERESPONSE} = 4. */
    public static final MvMqttReadableDataType SUBSCRIBERESPONSE = REGISTRY.define(4, "SUBSCRIBERESPONSE");
    /** {@code MV_MQTTREADABLEDATATYPE_UNSUBSCRIBERESPONSE} = 5. */
    public static final MvMqttReadableDataType UNSUBSCRIBERESPONSE = REGISTRY.define(5, "UNSUBSCRIBERESPONSE");
    /** {@code MV_MQTTREADABLEDATATYPE_PUBLISHRESPONSE} = 6. */
    public static final MvMqttReadableDataType PUBLISHRESPONSE = REGISTRY.define(6, "PUBLISHRESPONSE");
    /** {@code MV_MQTTREADABLEDATATYPE_DISCONNECTRESPONSE} = 7. */
    public static final MvMqttReadableDataType DISCONNECTRESPONSE = REGISTRY.define(7, "DISCONNECTRESPONSE");

    private MvMqttReadableDataType(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvMqttReadableDataType of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvMqttReadableDataType named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvMqttReadableDataType> values() {
        return REGISTRY.values();
    }
}
