package dev.mvmqtt.reference.channel;

import java.security.KeyStore;

/**
 * The tunables a channel needs, as the device hands them over: the device derives this from its
 * {@code ReferencePolicy}, so that this package does not depend on the device's package.
 *
 * @param maxTopicsPerRequest             topics per (un)subscribe
 * @param maxPublishesInFlight            publishes accepted and not yet read back
 * @param maxCertificatesPerChain         certificates per chain of a connect request
 * @param circuitBreakerMessagesPerSecond inbound messages within one second that trip the breaker
 * @param receiveQueueBuffers             unread messages kept, in receive buffers' worth of bytes (LOSS-REF-7)
 * @param sessionExpirySeconds            MQTT 5 session expiry sent with clean_start = 0
 * @param withoutTls                      what a connect without tls_credentials does (TLS-REF-2)
 * @param platformTrust                   the platform's trust store (null: the JDK's public CAs)
 * @param connectTimeoutMillis            TCP, TLS and CONNACK timeout of the relay
 * @param acknowledgeTimeoutMillis        how long an acknowledgement waits for its PUBACK to be written (ACK-REF-3)
 */
public record ChannelPolicy(
        int maxTopicsPerRequest,
        int maxPublishesInFlight,
        int maxCertificatesPerChain,
        int circuitBreakerMessagesPerSecond,
        int receiveQueueBuffers,
        long sessionExpirySeconds,
        WithoutTls withoutTls,
        KeyStore platformTrust,
        int connectTimeoutMillis,
        int acknowledgeTimeoutMillis) {

    /** A connect without tls_credentials: the guide's plain TCP, the relay's TLS on the platform store, or refused. */
    public enum WithoutTls {
        PLAIN_TCP,
        PLATFORM_TLS,
        REFUSED
    }
}
