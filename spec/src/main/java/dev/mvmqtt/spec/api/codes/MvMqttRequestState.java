package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvMqttRequestState}, constants {@code MV_MQTTREQUESTSTATE_*}: the outcome carried by every MQTT response. NXDOMAIN, UNKNOWNCA, CERTIFICATEEXPIRED and SOCKETERROR occur only in connect responses.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvMqttRequestState extends CodedValue {
    private static final Registry<MvMqttRequestState> REGISTRY =
            new Registry<>((c, n) -> new MvMqttRequestState(c, n, true), (c, n) -> new MvMqttRequestState(c, n, false));

    /** {@code MV_MQTTREQUESTSTATE_REQUESTCOMPLETED} = 0. */
    public static final MvMqttRequestState REQUESTCOMPLETED = REGISTRY.define(0, "REQUESTCOMPLETED");
    /** {@code MV_MQTTREQUESTSTATE_INVALIDPARAMETERS} = 1. */
    public static final MvMqttRequestState INVALIDPARAMETERS = REGISTRY.define(1, "INVALIDPARAMETERS");
    /** {@code MV_MQTTREQUESTSTATE_ALREADYCONNECTED} = 2. */
    public static final MvMqttRequestState ALREADYCONNECTED = REGISTRY.define(2, "ALREADYCONNECTED");
    /** {@code MV_MQTTREQUESTSTATE_NOTCONNECTED} = 3. */
    public static final MvMqttRequestState NOTCONNECTED = REGISTRY.define(3, "NOTCONNECTED");
    /** {@code MV_MQTTREQUESTSTATE_NXDOMAIN} = 4. */
    public static final MvMqttRequestState NXDOMAIN = REGISTRY.define(4, "NXDOMAIN");
    /** {@code MV_MQTTREQUESTSTATE_UNKNOWNCA} = 5. */
    public static final MvMqttRequestState UNKNOWNCA = REGISTRY.define(5, "UNKNOWNCA");
    /** {@code MV_MQTTREQUESTSTATE_CERTIFICATEEXPIRED} = 6. */
    public static final MvMqttRequestState CERTIFICATEEXPIRED = REGISTRY.define(6, "CERTIFICATEEXPIRED");
    /** {@code MV_MQTTREQUESTSTATE_SOCKETERROR} = 7. */
    public static final MvMqttRequestState SOCKETERROR = REGISTRY.define(7, "SOCKETERROR");
    /** {@code MV_MQTTREQUESTSTATE_CONNECTIONCIRCUITBREAKER} = 8. */
    public static final MvMqttRequestState CONNECTIONCIRCUITBREAKER = REGISTRY.define(8, "CONNECTIONCIRCUITBREAKER");

    private MvMqttRequestState(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvMqttRequestState of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvMqttRequestState named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvMqttRequestState> values() {
        return REGISTRY.values();
    }
}
