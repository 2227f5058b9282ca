package dev.mvmqtt.reference;

import java.security.KeyStore;

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
 * @param receiveQueueBuffers              unread messages a channel keeps, in receive buffers' worth of topic and
 *                                         payload bytes (reference: 64); one more drops the broker connection as the
 *                                         circuit breaker does (LOSS-REF-7), so a device whose application stops
 *                                         reading holds a bounded amount of memory
 * @param sessionExpirySeconds             MQTT 5 session expiry sent with clean_start = 0 (reference: 3600)
 * @param withoutTlsCredentials            what a connect without tls_credentials does (TLS-REF-2: the guide's plain
 *                                         TCP by default; the real relay's TLS with the platform trust store)
 * @param platformTrust                    the trust store of "the platform" (TLS-REF-2, TLS-REF-3): used when the device
 *                                         gives no CA chain; null means the JDK's own store of public CAs
 * @param connectTimeoutMillis             TCP, TLS and CONNACK timeout of the relay
 * @param acknowledgeTimeoutMillis         how long mvMqttAcknowledgeMessage waits for the relay to write the PUBACK
 *                                         to the broker before it drops the connection (ACK-REF-3; reference: 10000)
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
        int receiveQueueBuffers,
        long sessionExpirySeconds,
        WithoutTlsCredentials withoutTlsCredentials,
        KeyStore platformTrust,
        int connectTimeoutMillis,
        int acknowledgeTimeoutMillis) {

    /**
     * The two readings of a connect without {@code tls_credentials}, and a refusal. The guide says such a
     * connection is plain text; the demo's README says the managed relay always uses TLS and trusts public CAs
     * when no chain is given (Demo-Azure connects to Azure that way). Neither is a {@code must}.
     */
    public enum WithoutTlsCredentials {
        /** The guide's reading: MQTT over plain TCP. The default, since local test brokers are plain. */
        PLAIN_TCP,
        /** The relay's reading: TLS, trusting {@link #platformTrust()} (the JDK's public CAs by default). */
        PLATFORM_TLS,
        /** Neither: the connect is accepted and answered INVALIDPARAMETERS. */
        REFUSED
    }

    public static ReferencePolicy defaults() {
        return new ReferencePolicy(
                4, 32, 8, 8, 8, 512, 65536, 16, 500, 64, 3600, WithoutTlsCredentials.PLAIN_TCP, null, 10_000, 10_000);
    }

    public ReferencePolicy withCircuitBreakerMessagesPerSecond(int messagesPerSecond) {
        return new ReferencePolicy(
                maxChannels,
                maxNotificationCentres,
                maxOpenCallsPerSecond,
                maxTopicsPerRequest,
                maxCertificatesPerChain,
                channelBufferBlock,
                maxChannelBufferSize,
                maxPublishesInFlight,
                messagesPerSecond,
                receiveQueueBuffers,
                sessionExpirySeconds,
                withoutTlsCredentials,
                platformTrust,
                connectTimeoutMillis,
                acknowledgeTimeoutMillis);
    }

    public ReferencePolicy withoutTlsCredentials(WithoutTlsCredentials mode) {
        return new ReferencePolicy(
                maxChannels,
                maxNotificationCentres,
                maxOpenCallsPerSecond,
                maxTopicsPerRequest,
                maxCertificatesPerChain,
                channelBufferBlock,
                maxChannelBufferSize,
                maxPublishesInFlight,
                circuitBreakerMessagesPerSecond,
                receiveQueueBuffers,
                sessionExpirySeconds,
                mode,
                platformTrust,
                connectTimeoutMillis,
                acknowledgeTimeoutMillis);
    }

    /** The same policy with {@code store} standing for the platform's trust store (tests: a private CA as if public). */
    public ReferencePolicy withPlatformTrust(KeyStore store) {
        return new ReferencePolicy(
                maxChannels,
                maxNotificationCentres,
                maxOpenCallsPerSecond,
                maxTopicsPerRequest,
                maxCertificatesPerChain,
                channelBufferBlock,
                maxChannelBufferSize,
                maxPublishesInFlight,
                circuitBreakerMessagesPerSecond,
                receiveQueueBuffers,
                sessionExpirySeconds,
                withoutTlsCredentials,
                store,
                connectTimeoutMillis,
                acknowledgeTimeoutMillis);
    }

    /** A builder starting from {@link #defaults()}: set only what differs. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link ReferencePolicy} one tunable at a time; every unset tunable keeps its starting value. */
    public static final class Builder {
        private int maxChannels;
        private int maxNotificationCentres;
        private int maxOpenCallsPerSecond;
        private int maxTopicsPerRequest;
        private int maxCertificatesPerChain;
        private int channelBufferBlock;
        private int maxChannelBufferSize;
        private int maxPublishesInFlight;
        private int circuitBreakerMessagesPerSecond;
        private int receiveQueueBuffers;
        private long sessionExpirySeconds;
        private WithoutTlsCredentials withoutTlsCredentials;
        private KeyStore platformTrust;
        private int connectTimeoutMillis;
        private int acknowledgeTimeoutMillis;

        private Builder(ReferencePolicy p) {
            maxChannels = p.maxChannels;
            maxNotificationCentres = p.maxNotificationCentres;
            maxOpenCallsPerSecond = p.maxOpenCallsPerSecond;
            maxTopicsPerRequest = p.maxTopicsPerRequest;
            maxCertificatesPerChain = p.maxCertificatesPerChain;
            channelBufferBlock = p.channelBufferBlock;
            maxChannelBufferSize = p.maxChannelBufferSize;
            maxPublishesInFlight = p.maxPublishesInFlight;
            circuitBreakerMessagesPerSecond = p.circuitBreakerMessagesPerSecond;
            receiveQueueBuffers = p.receiveQueueBuffers;
            sessionExpirySeconds = p.sessionExpirySeconds;
            withoutTlsCredentials = p.withoutTlsCredentials;
            platformTrust = p.platformTrust;
            connectTimeoutMillis = p.connectTimeoutMillis;
            acknowledgeTimeoutMillis = p.acknowledgeTimeoutMillis;
        }

        public Builder maxChannels(int v) {
            maxChannels = v;
            return this;
        }

        public Builder maxNotificationCentres(int v) {
            maxNotificationCentres = v;
            return this;
        }

        public Builder maxOpenCallsPerSecond(int v) {
            maxOpenCallsPerSecond = v;
            return this;
        }

        public Builder maxTopicsPerRequest(int v) {
            maxTopicsPerRequest = v;
            return this;
        }

        public Builder maxCertificatesPerChain(int v) {
            maxCertificatesPerChain = v;
            return this;
        }

        public Builder channelBufferBlock(int v) {
            channelBufferBlock = v;
            return this;
        }

        public Builder maxChannelBufferSize(int v) {
            maxChannelBufferSize = v;
            return this;
        }

        public Builder maxPublishesInFlight(int v) {
            maxPublishesInFlight = v;
            return this;
        }

        public Builder circuitBreakerMessagesPerSecond(int v) {
            circuitBreakerMessagesPerSecond = v;
            return this;
        }

        public Builder receiveQueueBuffers(int v) {
            receiveQueueBuffers = v;
            return this;
        }

        public Builder sessionExpirySeconds(long v) {
            sessionExpirySeconds = v;
            return this;
        }

        public Builder withoutTlsCredentials(WithoutTlsCredentials v) {
            withoutTlsCredentials = v;
            return this;
        }

        public Builder platformTrust(KeyStore v) {
            platformTrust = v;
            return this;
        }

        public Builder connectTimeoutMillis(int v) {
            connectTimeoutMillis = v;
            return this;
        }

        public Builder acknowledgeTimeoutMillis(int v) {
            acknowledgeTimeoutMillis = v;
            return this;
        }

        public ReferencePolicy build() {
            return new ReferencePolicy(
                    maxChannels,
                    maxNotificationCentres,
                    maxOpenCallsPerSecond,
                    maxTopicsPerRequest,
                    maxCertificatesPerChain,
                    channelBufferBlock,
                    maxChannelBufferSize,
                    maxPublishesInFlight,
                    circuitBreakerMessagesPerSecond,
                    receiveQueueBuffers,
                    sessionExpirySeconds,
                    withoutTlsCredentials,
                    platformTrust,
                    connectTimeoutMillis,
                    acknowledgeTimeoutMillis);
        }
    }
}
