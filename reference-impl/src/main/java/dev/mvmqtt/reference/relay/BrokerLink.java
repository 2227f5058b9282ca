package dev.mvmqtt.reference.relay;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A live MQTT session with the broker, the same for 3.1.1 and 5. Futures complete on relay threads;
 * a future that fails means the connection went away before the broker answered.
 */
public interface BrokerLink {
    /** One reason code per subscription, in request order (SUBACK codes, verbatim). */
    CompletableFuture<int[]> subscribe(List<SubscriptionSpec> subscriptions);

    /** One reason code per topic (UNSUBACK codes on 5; zeros on 3.1.1, which has none). */
    CompletableFuture<int[]> unsubscribe(List<String> topicFilters);

    /**
     * Publishes; completes with the broker's PUBACK reason code (0 on 3.1.1 and for QoS 0, once
     * written). Completes exceptionally with {@link BrokerRefusedException} when the broker refused it.
     */
    CompletableFuture<Integer> publish(String topic, byte[] payload, int qos, boolean retain);

    /**
     * Hands a received QoS 1 message's PUBACK to the client (ACK-REF-3). Completes once the relay has written the
     * PUBACK to the broker's connection, so that a drop after it can no longer lose it; fails when the connection
     * is dropped first. Every PUBACK goes through here, or the relay cannot tell which is which.
     */
    CompletableFuture<Void> acknowledge(InboundMessage message);

    /** Graceful DISCONNECT: the broker discards the will. Completes with 0 when done. */
    CompletableFuture<Integer> disconnect();

    /** Abrupt drop, no DISCONNECT: the broker sees a lost connection and publishes the will. */
    void drop();

    /**
     * Completes once the connection towards the broker has ended after a {@link #drop()}: the broker answered the
     * relay's end of it with its own (so it has read every byte written before the drop), or the relay stopped
     * waiting for that.
     */
    CompletableFuture<Void> ended();

    /** A broker that answered with a failure reason code. */
    final class BrokerRefusedException extends RuntimeException {
        private final int reasonCode;

        public BrokerRefusedException(int reasonCode, Throwable cause) {
            super("broker refused with reason code 0x" + Integer.toHexString(reasonCode), cause);
            this.reasonCode = reasonCode;
        }

        public int reasonCode() {
            return reasonCode;
        }
    }
}
