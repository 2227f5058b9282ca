package dev.mvmqtt.spec.api.mqtt;

import dev.mvmqtt.spec.api.MvSizedString;

/**
 * C {@code struct MvOwnTlsCertificateChain}: the device's certificate chain and its private key as
 * unencrypted PKCS#8 DER. Its {@code toString} never shows the key.
 */
public record MvOwnTlsCertificateChain(MvTlsCertificateChain chain, MvSizedString key) {
    public static final MvOwnTlsCertificateChain NONE =
            new MvOwnTlsCertificateChain(MvTlsCertificateChain.EMPTY, MvSizedString.EMPTY);

    @Override
    public String toString() {
        return "MvOwnTlsCertificateChain[chain=" + chain + ", key=<redacted " + (key == null ? 0 : key.length())
                + " bytes>]";
    }
}
