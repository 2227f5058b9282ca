package dev.mvmqtt.tck.broker;

/** A broker could not be brought up; the message is the reason the targets are unavailable. */
class BrokerStartException extends Exception {
    BrokerStartException(String message) {
        super(message);
    }

    BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
