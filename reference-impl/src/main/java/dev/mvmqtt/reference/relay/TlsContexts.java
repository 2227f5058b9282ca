package dev.mvmqtt.reference.relay;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** Turns the device's DER certificates and PKCS#8 DER key into JSSE factories. */
final class TlsContexts {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    static X509Certificate parseDer(byte[] der) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * Trusts exactly the given CA certificates, nothing from the JDK's store; with none given, the
     * platform's store instead ({@code platform}, or the JDK's public CAs when that is null), as the relay
     * does for a device that supplies no chain (TLS-REF-3).
     */
    static TrustManagerFactory trustFor(List<byte[]> caCertificatesDer, KeyStore platform) throws GeneralSecurityException {
        if (caCertificatesDer.isEmpty()) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(platform);
            return tmf;
        }
        KeyStore store = emptyStore();
        int i = 0;
        for (byte[] der : caCertificatesDer) {
            store.setCertificateEntry("ca-" + i++, parseDer(der));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    /** The device's own chain and its key (RSA or EC, unencrypted PKCS#8 DER). */
    static KeyManagerFactory ownIdentity(List<byte[]> chainDer, byte[] pkcs8Der) throws GeneralSecurityException {
        Certificate[] chain = new Certificate[chainDer.size()];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = parseDer(chainDer.get(i));
        }
        PrivateKey key = parseKey(pkcs8Der, chain.length > 0 ? chain[0].getPublicKey().getAlgorithm() : "RSA");
        KeyStore store = emptyStore();
        store.setKeyEntry("device", key, NO_PASSWORD, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, NO_PASSWORD);
        return kmf;
    }

    private static PrivateKey parseKey(byte[] pkcs8Der, String preferredAlgorithm) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8Der);
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {preferredAlgorithm, "RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
