package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvChannelType}, constants {@code MV_CHANNELTYPE_*}: the kind of data channel {@code mvOpenChannel} opens.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvChannelType extends CodedValue {
    private static final Registry<MvChannelType> REGISTRY =
            new Registry<>((c, n) -> new MvChannelType(c, n, true), (c, n) -> new MvChannelType(c, n, false));

    /** {@code MV_CHANNELTYPE_OPAQUEBYTES} = 0. */
    public static final MvChannelType OPAQUEBYTES = REGISTRY.define(0, "OPAQUEBYTES");
    /** {@code MV_CHANNELTYPE_MQTT} = 1. */
    public static final MvChannelType MQTT = REGISTRY.define(1, "MQTT");
    /** {@code MV_CHANNELTYPE_HTTP} = 2. */
    public static final MvChannelType HTTP = REGISTRY.define(2, "HTTP");
    /** {@code MV_CHANNELTYPE_CONFIGFETCH} = 3. */
    public static final MvChannelType CONFIGFETCH = REGISTRY.define(3, "CONFIGFETCH");

    private MvChannelType(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvChannelType of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvChannelType named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvChannelType> values() {
        return REGISTRY.values();
    }
}
