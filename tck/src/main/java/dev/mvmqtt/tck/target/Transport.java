package dev.mvmqtt.tck.target;

import java.util.Locale;

/** How a target is reached: plain TCP or TLS. */
public enum Transport {
    /** Plain TCP. */
    PLAIN,
    /** TLS over TCP, with the server certificate issued by the target's CA. */
    TLS;

    /** The id used in target ids and report entries: {@code plain} or {@code tls}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
