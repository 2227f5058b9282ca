package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvClosureReason}, constants {@code MV_CLOSUREREASON_*}: why a channel closed, as {@code mvGetChannelClosureReason} reports it.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvClosureReason extends CodedValue {
    private static final Registry<MvClosureReason> REGISTRY =
            new Registry<>((c, n) -> new MvClosureReason(c, n, true), (c, n) -> new MvClosureReason(c, n, false));

    /** {@code MV_CLOSUREREASON_NONE} = 0. */
    public static final MvClosureReason NONE = REGISTRY.define(0, "NONE");
    /** {@code MV_CLOSUREREASON_CHANNELCLOSEDBYSERVER} = 1. */
    public static final MvClosureReason CHANNELCLOSEDBYSERVER = REGISTRY.define(1, "CHANNELCLOSEDBYSERVER");
    /** {@code MV_CLOSUREREASON_CHANNELRESETBYSERVER} = 2. */
    public static final MvClosureReason CHANNELRESETBYSERVER = REGISTRY.define(2, "CHANNELRESETBYSERVER");
    /** {@code MV_CLOSUREREASON_NETWORKDISCONNECTED} = 3. */
    public static final MvClosureReason NETWORKDISCONNECTED = REGISTRY.define(3, "NETWORKDISCONNECTED");
    /** {@code MV_CLOSUREREASON_CONNECTIONTERMINATED} = 4. */
    public static final MvClosureReason CONNECTIONTERMINATED = REGISTRY.define(4, "CONNECTIONTERMINATED");
    /** {@code MV_CLOSUREREASON_NOTYETOPEN} = 5. */
    public static final MvClosureReason NOTYETOPEN = REGISTRY.define(5, "NOTYETOPEN");
    /** {@code MV_CLOSUREREASON_CLOSEDBYAPPLICATION} = 6. */
    public static final MvClosureReason CLOSEDBYAPPLICATION = REGISTRY.define(6, "CLOSEDBYAPPLICATION");
    /** {@code MV_CLOSUREREASON_UNEXPECTEDLYTERMINATED} = 7. */
    public static final MvClosureReason UNEXPECTEDLYTERMINATED = REGISTRY.define(7, "UNEXPECTEDLYTERMINATED");

    private MvClosureReason(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvClosureReason of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvClosureReason named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvClosureReason> values() {
        return REGISTRY.values();
    }
}
