package dev.mvmqtt.spec.api.mqtt;

/**
 * C {@code struct MvTlsCredentials}: the CA chain that authenticates the broker and, for mutual
 * TLS, the device's own chain and key ({@link MvOwnTlsCertificateChain#NONE} when there is none).
 */
public record MvTlsCredentials(MvTlsCertificateChain cacert, MvOwnTlsCertificateChain clientcert) {
    /** Server authentication only. */
    public static MvTlsCredentials serverOnly(MvTlsCertificateChain cacert) {
        return new MvTlsCredentials(cacert, MvOwnTlsCertificateChain.NONE);
    }
}
