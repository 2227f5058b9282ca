package dev.mvmqtt.reference;

/**
 * Every tunable of the reference implementation in one place, with the defaults the catalogue's
 * {@code reference} rules name. Immutable; {@link #defaults()} is what {@link ReferenceMicrovisorProvider}
 * uses.
 *
 * @param maxChannels                      open channels at once (header: 4)
 * @param maxNotificationCentres           notification centres at once (header: 32)
 * @param maxOpenCallsPerSecond            mvOpenChannel calls within one second before RATELIMITED (header: 8)
 * @param maxTopicsPerRequest              topics per (un)subscribe (header: 8)
 * @param maxCertificatesPerChain          certificates per chain (header: 8)
 * @param channelBufferBlock               channel buffer size unit and alignment (guide: 512)
 * @param maxChannelBufferSize             largest channel buffer accepted (reference: 65536)
 * @param maxPublishesInFlight             publishes accepted and not yet read back (reference: 16)
 * @param circuitBreakerMessagesPerSecond  inbound messages within one second that trip the breaker (reference: 500)
 * @param sessionExpirySeconds             MQTT 5 session expiry sent with clean_start = 0 (reference: 3600)
 * @param allowPlainTcp                    whether a connect without TLS credentials is allowed (reference: true;
 *                                         the real relay accepts TLS brokers only)
 * @param connectTimeoutMillis             TCP, TLS and CONNACK timeout of the relay
 */
public record ReferencePolicy(
        int maxChannels,
        int maxNotificationCentres,
        int maxOpenCallsPerSecond,
        int maxTopicsPerRequest,
        int maxCertificatesPerChain,
        int channelBufferBlock,
        int maxChannelBufferSize,
        int maxPublishesInFlight,
        int circuitBreakerMessagesPerSecond,
        long sessionExpirySeconds,
        boolean allowPlainTcp,
        int connectTimeoutMillis) {

    public static ReferencePolicy defaults() {
        return new ReferencePolicy(4, 32, 8, 8, 8, 512, 65536, 16, 500, 3600, true, 10_000);
    }

    public ReferencePolicy withCircuitBreakerMessagesPerSecond(int messagesPerSecond) {
        return new ReferencePolicy(maxChannels, maxNotificationCentres, maxOpenCallsPerSecond, maxTopicsPerRequest,
                maxCertificatesPerChain, channelBufferBlock, maxChannelBufferSize, maxPublishesInFlight, messagesPerSecond,
                sessionExpirySeconds, allowPlainTcp, connectTimeoutMillis);
    }

    public ReferencePolicy withAllowPlainTcp(boolean allow) {
        return new ReferencePolicy(maxChannels, maxNotificationCentres, maxOpenCallsPerSecond, maxTopicsPerRequest,
                maxCertificatesPerChain, channelBufferBlock, maxChannelBufferSize, maxPublishesInFlight,
                circuitBreakerMessagesPerSecond, sessionExpirySeconds, allow, connectTimeoutMillis);
    }
}
