package dev.mvmqtt.reference.relay;

import java.security.KeyStore;
import java.util.List;

/**
 * What the relay needs to open an MQTT session, already validated and decoded from the device's
 * request. {@code username} is null when no authentication is asked for; {@code tls} null for plain
 * TCP; {@code will} null for no will.
 */
public record ConnectSpec(
        boolean mqtt5,
        String host,
        int port,
        String clientId,
        String username,
        byte[] password,
        Tls tls,
        int keepaliveSeconds,
        boolean cleanStart,
        long sessionExpirySeconds,
        Will will,
        int connectTimeoutMillis) {

    /**
     * DER CA certificates, and the device's own DER chain and PKCS#8 key (empty when none). With no CA
     * certificate the broker is checked against {@code platformTrust} (TLS-REF-3; null: the JDK's public CAs).
     */
    public record Tls(List<byte[]> caCertificates, List<byte[]> ownChain, byte[] ownKey, KeyStore platformTrust) {
        public boolean mutual() {
            return !ownChain.isEmpty();
        }
    }

    public record Will(String topic, byte[] payload, int qos, boolean retain) {}

    @Override
    public String toString() {
        // Never print credentials or key material.
        return "ConnectSpec[" + (mqtt5 ? "v5" : "v3.1.1") + " " + host + ":" + port + " client=" + clientId + " auth="
                + (username != null) + " tls=" + (tls != null) + "]";
    }
}
