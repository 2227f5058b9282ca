package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;

/** C {@code struct MvMqttUsernamePassword}. Its {@code toString} never shows the password. */
public record MvMqttUsernamePassword(MvSizedString username, MvSizedString password) {
    public static MvMqttUsernamePassword of(String username, String password) {
        return new MvMqttUsernamePassword(MvSizedString.of(username), MvSizedString.of(password));
    }

    @Override
    public String toString() {
        return "MvMqttUsernamePassword[username=" + username + ", password=<redacted>]";
    }
}
