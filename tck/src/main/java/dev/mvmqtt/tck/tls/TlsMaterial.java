package dev.mvmqtt.tck.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS material for the TLS targets, generated at run time with Bouncy Castle (EC P-256, SHA256withECDSA):
 * <ul>
 *   <li>a CA (self-signed), which the device and the observer trust;</li>
 *   <li>a server certificate for {@code 127.0.0.1}, {@code ::1} and {@code localhost} (subject alternative names),
 *       issued by the CA, valid now;</li>
 *   <li>a client certificate issued by the CA, for mutual TLS (the local brokers accept client certificates from
 *       the CA but do not require them);</li>
 *   <li>a second, unrelated CA: a device that trusts only it sees the server as issued by an unknown CA;</li>
 *   <li>an expired server certificate issued by the CA (same key and names as the server certificate,
 *       {@code notAfter} one day in the past), served on each local broker's expired-certificate listener.</li>
 * </ul>
 * Certificates come as DER, private keys as unencrypted PKCS#8 DER, as the device takes them. {@link #shared()}
 * generates once per JVM. The arrays returned are copies.
 */
public final class TlsMaterial {
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate ca;
    private final X509Certificate server;
    private final PrivateKey serverKey;
    private final X509Certificate client;
    private final PrivateKey clientKey;
    private final X509Certificate otherCa;
    private final X509Certificate expiredServer;

    private TlsMaterial(
            X509Certificate ca,
            X509Certificate server,
            PrivateKey serverKey,
            X509Certificate client,
            PrivateKey clientKey,
            X509Certificate otherCa,
            X509Certificate expiredServer) {
        this.ca = ca;
        this.server = server;
        this.serverKey = serverKey;
        this.client = client;
        this.clientKey = clientKey;
        this.otherCa = otherCa;
        this.expiredServer = expiredServer;
    }

    private static final class Holder {
        static final TlsMaterial SHARED = generate();
    }

    /** The material of this JVM, generated on first use. */
    public static TlsMaterial shared() {
        return Holder.SHARED;
    }

    /** Fresh material. */
    public static TlsMaterial generate() {
        try {
            Instant now = Instant.now();
            Instant notBefore = now.minus(Duration.ofDays(1));
            Instant notAfter = now.plus(Duration.ofDays(365));
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=mvmqtt TCK CA,O=mvmqtt");
            X509Certificate ca = caCertificate(caName, caKeys, notBefore, notAfter);

            KeyPair otherKeys = keyPair();
            X509Certificate otherCa =
                    caCertificate(new X500Name("CN=mvmqtt TCK unrelated CA,O=mvmqtt"), otherKeys, notBefore, notAfter);

            KeyPair serverKeys = keyPair();
            X500Name serverName = new X500Name("CN=localhost,O=mvmqtt");
            X509Certificate server = leaf(ca, caKeys, serverName, serverKeys, notBefore, notAfter, true);
            X509Certificate expired = leaf(
                    ca,
                    caKeys,
                    serverName,
                    serverKeys,
                    now.minus(Duration.ofDays(30)),
                    now.minus(Duration.ofDays(1)),
                    true);

            KeyPair clientKeys = keyPair();
            X509Certificate client = leaf(
                    ca, caKeys, new X500Name("CN=mvmqtt-tck-client,O=mvmqtt"), clientKeys, notBefore, notAfter, false);
            return new TlsMaterial(
                    ca, server, serverKeys.getPrivate(), client, clientKeys.getPrivate(), otherCa, expired);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("Cannot generate the TLS material: " + e, e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate caCertificate(X500Name name, KeyPair keys, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                        name, serial(), Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(b, keys.getPrivate());
    }

    private static X509Certificate leaf(
            X509Certificate issuer,
            KeyPair issuerKeys,
            X500Name subject,
            KeyPair keys,
            Instant notBefore,
            Instant notAfter,
            boolean server)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                        issuer, serial(), Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
        if (server) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")
            }));
        }
        return sign(b, issuerKeys.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, CertificateException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    // ----- DER

    /** The CA certificate (DER). */
    public byte[] caCertificateDer() {
        return der(ca);
    }

    /** The server certificate (DER), valid now, for 127.0.0.1, ::1 and localhost. */
    public byte[] serverCertificateDer() {
        return der(server);
    }

    /** The server's private key, unencrypted PKCS#8 DER (also the key of the expired certificate). */
    public byte[] serverPrivateKeyPkcs8Der() {
        return serverKey.getEncoded();
    }

    /** The client certificate (DER), issued by the CA. */
    public byte[] clientCertificateDer() {
        return der(client);
    }

    /** The client's private key, unencrypted PKCS#8 DER. */
    public byte[] clientPrivateKeyPkcs8Der() {
        return clientKey.getEncoded();
    }

    /** The certificate (DER) of a CA that issued none of the servers' certificates. */
    public byte[] otherCaCertificateDer() {
        return der(otherCa);
    }

    /** An expired server certificate (DER) issued by the CA, same names and key as the server certificate. */
    public byte[] expiredServerCertificateDer() {
        return der(expiredServer);
    }

    // ----- JDK objects

    /** The CA certificate. */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** The server certificate. */
    public X509Certificate serverCertificate() {
        return server;
    }

    /** The client certificate. */
    public X509Certificate clientCertificate() {
        return client;
    }

    // ----- PEM

    /** {@code der} as PEM text with the label, for example {@code CERTIFICATE} or {@code PRIVATE KEY}. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** PEM files for a TLS listener: the CA (to check client certificates), the server certificate and its key. */
    public record PemFiles(Path caCert, Path certificate, Path privateKey) {}

    /** Writes the CA, the server certificate and the server key as PEM files into {@code dir}. */
    public PemFiles writeServerPem(Path dir) {
        return writePem(dir, "server", server);
    }

    /** Writes the CA, the expired server certificate and the server key as PEM files into {@code dir}. */
    public PemFiles writeExpiredServerPem(Path dir) {
        return writePem(dir, "expired-server", expiredServer);
    }

    private PemFiles writePem(Path dir, String name, X509Certificate certificate) {
        try {
            Files.createDirectories(dir);
            Path caFile = dir.resolve("ca.pem");
            Path certFile = dir.resolve(name + ".pem");
            Path keyFile = dir.resolve(name + "-key.pem");
            Files.writeString(caFile, pem("CERTIFICATE", der(ca)), StandardCharsets.US_ASCII);
            Files.writeString(certFile, pem("CERTIFICATE", der(certificate)), StandardCharsets.US_ASCII);
            Files.writeString(keyFile, pem("PRIVATE KEY", serverKey.getEncoded()), StandardCharsets.US_ASCII);
            return new PemFiles(caFile, certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write PEM files into " + dir, e);
        }
    }

    // ----- key stores

    /** A PKCS#12 key store holding the server key under alias {@code server} with the chain server, CA. */
    public KeyStore serverKeyStore(char[] password) {
        return keyStore("server", serverKey, password, server, ca);
    }

    /** A PKCS#12 key store holding the server key under alias {@code server} with the chain expired server, CA. */
    public KeyStore expiredServerKeyStore(char[] password) {
        return keyStore("server", serverKey, password, expiredServer, ca);
    }

    /** A PKCS#12 key store holding the client key under alias {@code client} with the chain client, CA. */
    public KeyStore clientKeyStore(char[] password) {
        return keyStore("client", clientKey, password, client, ca);
    }

    /** A PKCS#12 trust store holding the CA certificate under alias {@code ca}. */
    public KeyStore trustStore() {
        return trustStore(der(ca));
    }

    /** Writes {@code store} to {@code file} with {@code password}. */
    public static void write(KeyStore store, char[] password, Path file) {
        try (var out = Files.newOutputStream(file)) {
            store.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write key store " + file + ": " + e, e);
        }
    }

    private static KeyStore keyStore(String alias, PrivateKey key, char[] password, X509Certificate... chain) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, key, password, chain);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a key store: " + e, e);
        }
    }

    /** A PKCS#12 trust store holding these certificates (DER) as trusted entries {@code ca0}, {@code ca1}, ... */
    public static KeyStore trustStore(byte[]... certificatesDer) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < certificatesDer.length; i++) {
                ks.setCertificateEntry("ca" + i, certificate(certificatesDer[i]));
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a trust store: " + e, e);
        }
    }

    /** A trust manager factory that trusts exactly these CA certificates (DER). */
    public static TrustManagerFactory trustManagerFactory(byte[]... caCertificatesDer) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(caCertificatesDer));
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a trust manager: " + e, e);
        }
    }

    /** A key manager factory presenting the client certificate (for mutual TLS). */
    public KeyManagerFactory clientKeyManagerFactory() {
        try {
            char[] pw = "mvmqtt".toCharArray();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKeyStore(pw), pw);
            return kmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a key manager: " + e, e);
        }
    }

    // ----- helpers

    /** The certificate encoded by {@code der}. */
    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static final Pattern PEM_CERT =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    /**
     * The DER of the (first) certificate in {@code file}, which holds DER or PEM.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static byte[] readCertificateDer(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read certificate file " + file + ": " + e, e);
        }
        Matcher m = PEM_CERT.matcher(new String(bytes, StandardCharsets.US_ASCII));
        byte[] der = m.find() ? Base64.getMimeDecoder().decode(m.group(1)) : bytes;
        try {
            return der(certificate(der));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "No X.509 certificate (DER or PEM) in " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] der(Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
