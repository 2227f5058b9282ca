package dev.mvmqtt.spec.api.codes;

import java.util.List;

/**
 * C enumeration {@code enum MvMqttAuthenticationMethod}, constants {@code MV_MQTTAUTHENTICATIONMETHOD_*}: how a connect request authenticates to the broker.
 *
 * <p>Codes are the header's ABI values; {@link #of(int)} answers for any code.
 */
public final class MvMqttAuthenticationMethod extends CodedValue {
    private static final Registry<MvMqttAuthenticationMethod> REGISTRY = new Registry<>(
            (c, n) -> new MvMqttAuthenticationMethod(c, n, true),
            (c, n) -> new MvMqttAuthenticationMethod(c, n, false));

    /** {@code MV_MQTTAUTHENTICATIONMETHOD_NONE} = 0. */
    public static final MvMqttAuthenticationMethod NONE = REGISTRY.define(0, "NONE");
    /** {@code MV_MQTTAUTHENTICATIONMETHOD_USERNAMEPASSWORD} = 1. */
    public static final MvMqttAuthenticationMethod USERNAMEPASSWORD = REGISTRY.define(1, "USERNAMEPASSWORD");

    private MvMqttAuthenticationMethod(int code, String name, boolean known) {
        super(code, name, known);
    }

    /** The value with this code; an unknown code gives a value whose {@link #isKnown()} is false. */
    public static MvMqttAuthenticationMethod of(int code) {
        return REGISTRY.of(code);
    }

    /** The constant with this name (without prefix), for example from a catalogue entry. */
    public static MvMqttAuthenticationMethod named(String name) {
        return REGISTRY.named(name);
    }

    /** Every constant the header defines, in header order. */
    public static List<MvMqttAuthenticationMethod> values() {
        return REGISTRY.values();
    }
}
