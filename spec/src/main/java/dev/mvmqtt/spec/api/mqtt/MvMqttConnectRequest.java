package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;

/**
 * C {@code struct MvMqttConnectRequest}. Immutable; build it with {@link #builder()}. The builder
 * checks nothing, so a test can hand an implementation every malformed request a C caller could.
 *
 * <p>{@code tlsCredentials} and {@code will} are nullable pointers; {@code authentication} is held by
 * value, as in the header, so it is never null: giving {@code null} to the builder sets the zero-filled
 * struct, which is method NONE. Its rules are the catalogue groups CONN, AUTH, TLS, WILL and SESS.
 */
public final class MvMqttConnectRequest {
    private final int protocolVersion;
    private final MvSizedString host;
    private final int port;
    private final MvSizedString clientId;
    private final MvMqttAuthentication authentication;
    private final MvTlsCredentials tlsCredentials;
    private final int keepalive;
    private final int cleanStart;
    private final MvMqttWill will;

    private MvMqttConnectRequest(Builder b) {
        this.protocolVersion = b.protocolVersion;
        this.host = b.host;
        this.port = b.port;
        this.clientId = b.clientId;
        this.authentication = b.authentication == null ? new MvMqttAuthentication(0, null) : b.authentication;
        this.tlsCredentials = b.tlsCredentials;
        this.keepalive = b.keepalive;
        this.cleanStart = b.cleanStart;
        this.will = b.will;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .protocolVersion(protocolVersion)
                .host(host)
                .port(port)
                .clientId(clientId)
                .authentication(authentication)
                .tlsCredentials(tlsCredentials)
                .keepalive(keepalive)
                .cleanStart(cleanStart)
                .will(will);
    }

    /** The raw protocol version code (C {@code enum MvMqttProtocolVersion}). */
    public int protocolVersion() {
        return protocolVersion;
    }

    public MvSizedString host() {
        return host;
    }

    /** The broker port, 0..65535 (C {@code uint16_t}). */
    public int port() {
        return port;
    }

    public MvSizedString clientId() {
        return clientId;
    }

    public MvMqttAuthentication authentication() {
        return authentication;
    }

    public MvTlsCredentials tlsCredentials() {
        return tlsCredentials;
    }

    /** Keepalive in seconds (C {@code uint32_t}). */
    public int keepalive() {
        return keepalive;
    }

    /** Non-zero asks for a clean start (C {@code uint8_t}). */
    public int cleanStart() {
        return cleanStart;
    }

    public MvMqttWill will() {
        return will;
    }

    @Override
    public String toString() {
        // Never print credentials: authentication and TLS material are summarised only.
        return "MvMqttConnectRequest[version="
                + MvMqttProtocolVersion.of(protocolVersion).name()
                + ", host=" + (host != null && host.isValid() ? host.asUtf8() : String.valueOf(host))
                + ", port=" + port + ", clientId="
                + (clientId != null && clientId.isValid() ? clientId.asUtf8() : String.valueOf(clientId))
                + ", auth=" + authentication.methodValue().name()
                + ", tls=" + (tlsCredentials != null) + ", keepalive=" + keepalive + ", cleanStart=" + cleanStart
                + ", will=" + (will != null) + "]";
    }

    public static final class Builder {
        private int protocolVersion = MvMqttProtocolVersion.V5.code();
        private MvSizedString host;
        private int port = 1883;
        private MvSizedString clientId;
        private MvMqttAuthentication authentication = MvMqttAuthentication.NONE;
        private MvTlsCredentials tlsCredentials;
        private int keepalive = 60;
        private int cleanStart = 1;
        private MvMqttWill will;

        public Builder protocolVersion(MvMqttProtocolVersion version) {
            this.protocolVersion = version.code();
            return this;
        }

        public Builder protocolVersion(int rawVersion) {
            this.protocolVersion = rawVersion;
            return this;
        }

        public Builder host(String host) {
            return host(MvSizedString.of(host));
        }

        public Builder host(MvSizedString host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder clientId(String clientId) {
            return clientId(MvSizedString.of(clientId));
        }

        public Builder clientId(MvSizedString clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder authentication(MvMqttAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder tlsCredentials(MvTlsCredentials credentials) {
            this.tlsCredentials = credentials;
            return this;
        }

        public Builder keepalive(int seconds) {
            this.keepalive = seconds;
            return this;
        }

        public Builder cleanStart(boolean cleanStart) {
            return cleanStart(cleanStart ? 1 : 0);
        }

        public Builder cleanStart(int rawCleanStart) {
            this.cleanStart = rawCleanStart;
            return this;
        }

        public Builder will(MvMqttWill will) {
            this.will = will;
            return this;
        }

        public MvMqttConnectRequest build() {
            return new MvMqttConnectRequest(this);
        }
    }
}
