package dev.mvmqtt.tck.broker;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A username and password a broker accepts, for the authentication tests. {@link #toString()} hides the
 * password: credentials never appear in a report or log.
 */
public final class Credentials {
    private final String username;
    private final String password;
    private final String wrongPassword;

    /** Both must be non-empty. */
    public Credentials(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        if (username.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("username and password must not be empty");
        }
        this.wrongPassword = unrelatedTo(password);
    }

    /** A random password sharing no part with {@code password}: a refusal then proves nothing close is accepted. */
    private static String unrelatedTo(String password) {
        SecureRandom random = new SecureRandom();
        while (true) {
            String candidate = "nope-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            if (!candidate.contains(password) && !password.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** The credentials the local brokers of this JVM accept: user {@code mvmqtt-tck}, a password random per JVM. */
    public static Credentials local() {
        return Local.CREDENTIALS;
    }

    private static final class Local {
        static final Credentials CREDENTIALS = new Credentials(
                "mvmqtt-tck", "tck-" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36));
    }

    /** The username. */
    public String username() {
        return username;
    }

    /** The password. */
    public String password() {
        return password;
    }

    /** A password the broker refuses for {@link #username()}: random, unrelated to the real one, the same on every call. */
    public String wrongPassword() {
        return wrongPassword;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && username.equals(c.username) && password.equals(c.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password);
    }

    @Override
    public String toString() {
        return "Credentials{username=" + username + ", password=***}";
    }
}
