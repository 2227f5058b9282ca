package dev.mvmqtt.tck.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;

/**
 * A client certificate chain the device presents in mutual TLS and its unencrypted PKCS#8 DER key. The arrays returned
 * are copies.
 *
 * @param chainDer        the chain, the client's own certificate first (DER)
 * @param privateKeyDer   the key of the first certificate, unencrypted PKCS#8 DER
 */
public record ClientCertificate(List<byte[]> chainDer, byte[] privateKeyDer) {
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    public ClientCertificate {
        chainDer = chainDer.stream().map(byte[]::clone).toList();
        if (chainDer.isEmpty()) {
            throw new IllegalArgumentException("a client certificate chain holds at least one certificate");
        }
        privateKeyDer = privateKeyDer.clone();
    }

    /** The kit's own client certificate and key, issued by the kit's CA ({@link TlsMaterial#caCertificateDer()}). */
    public static ClientCertificate of(TlsMaterial material) {
        return new ClientCertificate(List.of(material.clientCertificateDer()), material.clientPrivateKeyPkcs8Der());
    }

    /**
     * The chain in {@code certificateFile} (one or more PEM certificates, or one DER certificate, the client's own
     * first) and the key in {@code keyFile} (unencrypted PKCS#8, PEM {@code PRIVATE KEY} or DER), checked to belong
     * together.
     *
     * @throws IllegalArgumentException with a one-line reason: a file that cannot be read, holds no certificate or no
     *     PKCS#8 key, or a key that is not the certificate's
     */
    public static ClientCertificate read(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile, chain.get(0).getPublicKey().getAlgorithm());
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException(
                    "the key in " + keyFile + " is not the key of the certificate in " + certificateFile + " ("
                            + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate c : chain) {
            der.add(encoded(c));
        }
        return new ClientCertificate(der, key.getEncoded());
    }

    @Override
    public List<byte[]> chainDer() {
        return chainDer.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] privateKeyDer() {
        return privateKeyDer.clone();
    }

    /** The client's own certificate (DER). */
    public byte[] certificateDer() {
        return chainDer.get(0).clone();
    }

    /** A key manager factory presenting this chain and key (for a client of the kit's own, in mutual TLS). */
    public KeyManagerFactory keyManagerFactory() {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            Certificate[] chain = new Certificate[chainDer.size()];
            for (int i = 0; i < chain.length; i++) {
                chain[i] = f.generateCertificate(new ByteArrayInputStream(chainDer.get(i)));
            }
            PrivateKey key = KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(privateKeyDer));
            char[] password = "mvmqtt".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return kmf;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a key manager for the client certificate: " + e, e);
        }
    }

    private static byte[] bytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        byte[] bytes = bytes(file, "client certificate");
        List<byte[]> ders = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(new String(bytes, StandardCharsets.US_ASCII));
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                ders.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        if (ders.isEmpty()) {
            ders.add(bytes);
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) {
                chain.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("no X.509 certificate (PEM or DER) in " + file);
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file, String algorithm) {
        byte[] bytes = bytes(file, "client key");
        byte[] der = bytes;
        Matcher m = PEM_BLOCK.matcher(new String(bytes, StandardCharsets.US_ASCII));
        String otherKey = null;
        boolean pem = false;
        while (m.find()) {
            pem = true;
            String label = m.group(1);
            if (label.equals("PRIVATE KEY")) {
                der = Base64.getMimeDecoder().decode(m.group(2));
                otherKey = null;
                break;
            }
            if (label.endsWith("PRIVATE KEY")) {
                otherKey = label;
            }
        }
        if ("ENCRYPTED PRIVATE KEY".equals(otherKey)) {
            throw new IllegalArgumentException("the key in " + file + " is encrypted; the device takes an"
                    + " unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt)");
        }
        if (otherKey != null) {
            throw new IllegalArgumentException("the key in " + file + " is a PEM '" + otherKey + "' block, not PKCS#8;"
                    + " convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        if (pem && der == bytes) {
            throw new IllegalArgumentException("no unencrypted PKCS#8 " + algorithm + " key (PEM or DER) in " + file);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("no unencrypted PKCS#8 " + algorithm + " key (PEM or DER) in " + file);
        }
    }

    /** True when {@code key} signs what {@code publicKey} verifies. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "DSA" -> "SHA256withDSA";
            default -> publicKey.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
        try {
            byte[] challenge = "mvmqtt client certificate check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] encoded(Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
