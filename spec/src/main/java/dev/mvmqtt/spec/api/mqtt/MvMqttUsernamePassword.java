package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;

/**
 * C {@code struct MvUsernamePassword}, held by value inside {@link MvMqttAuthentication}. A {@code null}
 * string here is the zero-filled sized string (null data pointer, length 0). Its {@code toString} never
 * shows the password.
 */
public record MvMqttUsernamePassword(MvSizedString username, MvSizedString password) {
    /** The zero-filled struct: both strings a null pointer of length 0. */
    public static final MvMqttUsernamePassword ZEROED = new MvMqttUsernamePassword(null, null);

    public MvMqttUsernamePassword {
        if (username == null) {
            username = MvSizedString.of((byte[]) null);
        }
        if (password == null) {
            password = MvSizedString.of((byte[]) null);
        }
    }

    public static MvMqttUsernamePassword of(String username, String password) {
        return new MvMqttUsernamePassword(MvSizedString.of(username), MvSizedString.of(password));
    }

    @Override
    public String toString() {
        return "MvMqttUsernamePassword[username=" + username + ", password=<redacted>]";
    }
}
