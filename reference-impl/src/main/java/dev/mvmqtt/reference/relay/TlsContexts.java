package dev.mvmqtt.reference.relay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;

/** Turns the device's DER certificates and PKCS#8 DER key into JSSE factories. */
final class TlsContexts {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {}

    static X509Certificate parseDer(byte[] der) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * Trusts exactly the given CA certificates, nothing from the JDK's store; with none given, the
     * platform's store instead ({@code platform}, or the JDK's public CAs when that is null), as the relay
     * does for a device that supplies no chain (TLS-REF-3). Either way the host is named only through the
     * certificate's subject alternative names (TLS-REF-6): a failure to name the host is a {@link HostNotCertified}.
     */
    static TrustManagerFactory trustFor(List<byte[]> caCertificatesDer, KeyStore platform)
            throws GeneralSecurityException {
        if (caCertificatesDer.isEmpty()) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(platform);
            return checkingHosts(tmf);
        }
        KeyStore store = emptyStore();
        int i = 0;
        for (byte[] der : caCertificatesDer) {
            store.setCertificateEntry("ca-" + i++, parseDer(der));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return checkingHosts(tmf);
    }

    /** {@code tmf}'s PKIX trust manager behind {@link HostCheckingTrustManager}. */
    private static TrustManagerFactory checkingHosts(TrustManagerFactory tmf) throws GeneralSecurityException {
        X509ExtendedTrustManager pkix = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                pkix = x;
            }
        }
        if (pkix == null) {
            throw new GeneralSecurityException("no X509ExtendedTrustManager from " + tmf.getAlgorithm());
        }
        TrustManager[] managers = {new HostCheckingTrustManager(pkix)};
        return new TrustManagerFactory(
                new TrustManagerFactorySpi() {
                    @Override
                    protected void engineInit(KeyStore ks) {}

                    @Override
                    protected void engineInit(ManagerFactoryParameters spec) {}

                    @Override
                    protected TrustManager[] engineGetTrustManagers() {
                        return managers.clone();
                    }
                },
                tmf.getProvider(),
                tmf.getAlgorithm()) {};
    }

    /** The broker's certificate is valid and issued by a trusted CA, but does not name the host connected to. */
    static final class HostNotCertified extends CertificateException {
        HostNotCertified(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * PKIX validation first (a failure there is the CA's or the expiry's), then the host name: a DNS name only
     * through a dNSName subject alternative name, never the legacy common-name fallback (RFC 9525); an IP address
     * only through an iPAddress one (the JDK's rule).
     */
    private static final class HostCheckingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager pkix;

        HostCheckingTrustManager(X509ExtendedTrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType); // the path alone: no host name yet
            String host = engine == null ? null : engine.getPeerHost();
            if (host != null && !isIpLiteral(host) && !hasDnsName(chain[0])) {
                throw new HostNotCertified(
                        "the certificate names no DNS host in a subject alternative name (its common"
                                + " name is not used): " + chain[0].getSubjectX500Principal(),
                        null);
            }
            try {
                pkix.checkServerTrusted(chain, authType, engine); // with the engine's endpoint identification
            } catch (CertificateException e) {
                throw new HostNotCertified("the certificate does not name " + host + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            pkix.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            pkix.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }

        private static boolean hasDnsName(X509Certificate cert) throws CertificateException {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names != null
                    && names.stream()
                            .anyMatch(n -> n.size() >= 2 && Integer.valueOf(2).equals(n.get(0)));
        }

        private static boolean isIpLiteral(String host) {
            return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
        }
    }

    /** The device's own chain and its key (RSA or EC, unencrypted PKCS#8 DER). */
    static KeyManagerFactory ownIdentity(List<byte[]> chainDer, byte[] pkcs8Der) throws GeneralSecurityException {
        Certificate[] chain = new Certificate[chainDer.size()];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = parseDer(chainDer.get(i));
        }
        PrivateKey key =
                parseKey(pkcs8Der, chain.length > 0 ? chain[0].getPublicKey().getAlgorithm() : "RSA");
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
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
