package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvEventType}, constants {@code MV_EVENTTYPE_*}: the event type of a 16-byte notification record.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvEventType extends CodedValue {
    private static final Registry<MvEventType> REGISTRY =
            new Registry<>((c, n) -> new MvEventType(c, n, true), (c, n) -> new MvEventType(c, n, false));

    /** {@code MV_EVENTTYPE_NOEVENT} = 0. */
    public static final MvEventType NOEVENT = REGISTRY.define(0, "NOEVENT");
    /** {@code MV_EVENTTYPE_NETWORKSTATUSCHANGED} = 1. */
    public static final MvEventType NETWORKSTATUSCHANGED = REGISTRY.define(1, "NETWORKSTATUSCHANGED");
    /** {@code MV_EVENTTYPE_CHANNELDATAREADABLE} = 2. */
    public static final MvEventType CHANNELDATAREADABLE = REGISTRY.define(2, "CHANNELDATAREADABLE");
    /** {@code MV_EVENTTYPE_CHANNELDATAWRITESPACE} = 3. */
    public static final MvEventType CHANNELDATAWRITESPACE = REGISTRY.define(3, "CHANNELDATAWRITESPACE");
    /** {@code MV_EVENTTYPE_CHANNELNOTCONNECTED} = 4. */
    public static final MvEventType CHANNELNOTCONNECTED = REGISTRY.define(4, "CHANNELNOTCONNECTED");
    /** {@code MV_EVENTTYPE_UPDATEDOWNLOADED} = 5. */
    public static final MvEventType UPDATEDOWNLOADED = REGISTRY.define(5, "UPDATEDOWNLOADED");

    private MvEventType(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvEventType of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvEventType named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvEventType> values() {
        return REGISTRY.values();
    }
}
