package dev.mvmqtt.tck.observer;

import java.util.OptionalInt;

/**
 * The observer could not do what it was asked: connect (refused by the broker, TLS handshake failed, no answer),
 * subscribe, publish. For a refused connect, {@link #reasonCode()} holds the broker's CONNACK code (MQTT 3.1.1
 * return code or MQTT 5 reason code).
 */
public final class ObserverException extends RuntimeException {
    private final int reasonCode;

    ObserverException(String message, Throwable cause) {
        this(message, cause, -1);
    }

    ObserverException(String message, Throwable cause, int reasonCode) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    /** The broker's CONNACK return/reason code when it refused the connect. */
    public OptionalInt reasonCode() {
        return reasonCode < 0 ? OptionalInt.empty() : OptionalInt.of(reasonCode);
    }

    /** True when a cause in the chain is an instance of {@code type}. */
    public boolean hasCause(Class<? extends Throwable> type) {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
