package dev.mvmqtt.tck.broker.hivemq;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * HiveMQ authenticator of the TCK's brokers: a client without username and password is accepted (anonymous);
 * a client with a username is accepted only with the matching password; anything else is refused with
 * {@code BAD_USER_NAME_OR_PASSWORD} (MQTT 5 reason 0x86, MQTT 3.1.1 return code 4).
 *
 * <p>Internal to the TCK; public because HiveMQ loads it. It depends only on the extension SDK and the JDK, so
 * that it can be packaged into a container extension.
 */
public final class TckAuthenticator implements SimpleAuthenticator {
    private final String username;
    private final byte[] password;

    /** Accepts {@code username} with {@code password}, and clients without credentials. */
    public TckAuthenticator(String username, String password) {
        this.username = username;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Optional<String> user = connect.getUserName();
        Optional<ByteBuffer> pass = connect.getPassword();
        if (user.isEmpty() && pass.isEmpty()) {
            output.authenticateSuccessfully();
        } else if (user.isPresent()
                && pass.isPresent()
                && user.get().equals(username)
                && MessageDigest.isEqual(bytes(pass.get()), password)) {
            output.authenticateSuccessfully();
        } else {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.asReadOnlyBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
