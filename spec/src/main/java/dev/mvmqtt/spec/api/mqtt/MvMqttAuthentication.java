package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.codes.MvMqttAuthenticationMethod;

/**
 * C {@code struct MvMqttAuthentication}: a method code and, for {@code USERNAMEPASSWORD}, the
 * credentials. The header holds {@code username_password} by value (and the connect request holds this
 * struct by value), so no null pointer can stand here: a {@code null} given for the credentials is the
 * zero-filled struct, {@link MvMqttUsernamePassword#ZEROED}, which is what firmware that leaves the field
 * unset (as the demos do with method NONE) passes. Its rules are the catalogue group AUTH.
 */
public record MvMqttAuthentication(int method, MvMqttUsernamePassword usernamePassword) {
    public MvMqttAuthentication {
        if (usernamePassword == null) {
            usernamePassword = MvMqttUsernamePassword.ZEROED;
        }
    }

    /** No authentication. */
    public static final MvMqttAuthentication NONE =
            new MvMqttAuthentication(MvMqttAuthenticationMethod.NONE.code(), null);

    public static MvMqttAuthentication usernamePassword(String username, String password) {
        return new MvMqttAuthentication(
                MvMqttAuthenticationMethod.USERNAMEPASSWORD.code(), MvMqttUsernamePassword.of(username, password));
    }

    public MvMqttAuthenticationMethod methodValue() {
        return MvMqttAuthenticationMethod.of(method);
    }
}
