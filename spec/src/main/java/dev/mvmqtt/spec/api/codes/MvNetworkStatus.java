package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvNetworkStatus}, constants {@code MV_NETWORKSTATUS_*}: the state {@code mvGetNetworkStatus} reports. (The header's comments on 1 and 2 are swapped; the names are right.)
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvNetworkStatus extends CodedValue {
    private static final Registry<MvNetworkStatus> REGISTRY =
            new Registry<>((c, n) -> new MvNetworkStatus(c, n, true), (c, n) -> new MvNetworkStatus(c, n, false));

    /** {@code MV_NETWORKSTATUS_DELIBERATELYOFFLINE} = 0. */
    public static final MvNetworkStatus DELIBERATELYOFFLINE = REGISTRY.define(0, "DELIBERATELYOFFLINE");
    /** {@code MV_NETWORKSTATUS_CONNECTED} = 1. */
    public static final MvNetworkStatus CONNECTED = REGISTRY.define(1, "CONNECTED");
    /** {@code MV_NETWORKSTATUS_CONNECTING} = 2. */
    public static final MvNetworkStatus CONNECTING = REGISTRY.define(2, "CONNECTING");
    /** {@code MV_NETWORKSTATUS_DISCONNECTEDWITHLINKUP} = 3. */
    public static final MvNetworkStatus DISCONNECTEDWITHLINKUP = REGISTRY.define(3, "DISCONNECTEDWITHLINKUP");

    private MvNetworkStatus(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvNetworkStatus of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvNetworkStatus named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvNetworkStatus> values() {
        return REGISTRY.values();
    }
}
