package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.codes.MvMqttAuthenticationMethod;

/**
 * C {@code struct MvMqttAuthentication}: a method code and, for {@code USERNAMEPASSWORD}, the
 * credentials ({@code null} is a null pointer). Its rules are the catalogue group AUTH.
 */
public record MvMqttAuthentication(int method, MvMqttUsernamePassword usernamePassword) {
    /** No authentication. */
    public static final MvMqttAuthentication NONE = new MvMqttAuthentication(MvMqttAuthenticationMethod.NONE.code(), null);

    public static MvMqttAuthentication usernamePassword(String username, String password) {
        return new MvMqttAuthentication(MvMqttAuthenticationMethod.USERNAMEPASSWORD.code(),
                MvMqttUsernamePassword.of(username, password));
    }

    public MvMqttAuthenticationMethod methodValue() {
        return MvMqttAuthenticationMethod.of(method);
    }
}
