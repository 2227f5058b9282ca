package dev.mvmqtt.tck.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    private final TlsMaterial tls = TlsMaterial.shared();

    @Test
    void sharedIsGeneratedOnce() {
        assertThat(TlsMaterial.shared()).isSameAs(tls);
    }

    @Test
    void serverAndClientAreIssuedByTheCaAndValidNow() throws Exception {
        X509Certificate ca = TlsMaterial.certificate(tls.caCertificateDer());
        ca.verify(ca.getPublicKey());
        ca.checkValidity();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        for (byte[] der : List.of(tls.serverCertificateDer(), tls.clientCertificateDer())) {
            X509Certificate c = TlsMaterial.certificate(der);
            c.verify(ca.getPublicKey());
            c.checkValidity();
            assertThat(c.getBasicConstraints()).isEqualTo(-1);
        }
        assertThat(TlsMaterial.certificate(tls.serverCertificateDer()).getExtendedKeyUsage())
                .contains("1.3.6.1.5.5.7.3.1");
        assertThat(TlsMaterial.certificate(tls.clientCertificateDer()).getExtendedKeyUsage())
                .contains("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void serverCertificateNamesLoopbackAddressesAndLocalhost() throws Exception {
        Collection<List<?>> sans = tls.serverCertificate().getSubjectAlternativeNames();
        assertThat(sans)
                .extracting(l -> l.get(1).toString())
                .contains("127.0.0.1", "localhost")
                .anyMatch(s -> s.equals("0:0:0:0:0:0:0:1") || s.equals("::1"));
    }

    @Test
    void otherCaIsUnrelated() throws Exception {
        X509Certificate other = TlsMaterial.certificate(tls.otherCaCertificateDer());
        other.verify(other.getPublicKey());
        assertThat(other.getSubjectX500Principal())
                .isNotEqualTo(tls.caCertificate().getSubjectX500Principal());
        assertThatThrownBy(() -> tls.serverCertificate().verify(other.getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void expiredCertificateIsIssuedByTheCaAndExpired() throws Exception {
        X509Certificate expired = TlsMaterial.certificate(tls.expiredServerCertificateDer());
        expired.verify(tls.caCertificate().getPublicKey());
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThat(expired.getSubjectAlternativeNames())
                .containsExactlyElementsOf(tls.serverCertificate().getSubjectAlternativeNames());
        assertThat(expired.getPublicKey()).isEqualTo(tls.serverCertificate().getPublicKey());
    }

    @Test
    void privateKeysArePkcs8DerMatchingTheirCertificates() throws Exception {
        assertKeyMatches(tls.clientPrivateKeyPkcs8Der(), tls.clientCertificate());
        assertKeyMatches(tls.serverPrivateKeyPkcs8Der(), tls.serverCertificate());
    }

    private static void assertKeyMatches(byte[] pkcs8, X509Certificate certificate) throws Exception {
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] data = "proof".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(data);
        byte[] sig = s.sign();
        s.initVerify(certificate.getPublicKey());
        s.update(data);
        assertThat(s.verify(sig)).isTrue();
    }

    @Test
    void derAccessorsReturnCopies() {
        byte[] a = tls.caCertificateDer();
        a[0] ^= 1;
        assertThat(tls.caCertificateDer()).isNotEqualTo(a);
    }

    @Test
    void pemFilesAndCertificateFilesRoundTrip(@TempDir Path dir) throws Exception {
        TlsMaterial.PemFiles pem = tls.writeServerPem(dir);
        String cert = Files.readString(pem.certificate());
        assertThat(cert).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(Files.readString(pem.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(TlsMaterial.readCertificateDer(pem.certificate())).isEqualTo(tls.serverCertificateDer());
        assertThat(TlsMaterial.readCertificateDer(pem.caCert())).isEqualTo(tls.caCertificateDer());
        Path der = dir.resolve("ca.der");
        Files.write(der, tls.caCertificateDer());
        assertThat(TlsMaterial.readCertificateDer(der)).isEqualTo(tls.caCertificateDer());
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> TlsMaterial.readCertificateDer(junk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junk.pem");
        TlsMaterial.PemFiles expired = tls.writeExpiredServerPem(dir.resolve("x"));
        assertThat(TlsMaterial.readCertificateDer(expired.certificate())).isEqualTo(tls.expiredServerCertificateDer());
    }

    @Test
    void keyStoresHoldTheChains(@TempDir Path dir) throws Exception {
        char[] pw = "pw".toCharArray();
        Path file = dir.resolve("server.p12");
        TlsMaterial.write(tls.serverKeyStore(pw), pw, file);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            ks.load(in, pw);
        }
        assertThat(ks.getCertificateChain("server")).hasSize(2);
        assertThat(ks.getCertificate("server").getEncoded()).isEqualTo(tls.serverCertificateDer());
        assertThat(tls.expiredServerKeyStore(pw).getCertificate("server").getEncoded())
                .isEqualTo(tls.expiredServerCertificateDer());
        assertThat(tls.trustStore().getCertificate("ca0").getEncoded()).isEqualTo(tls.caCertificateDer());
        assertThat(tls.clientKeyStore(pw).getKey("client", pw).getEncoded()).isEqualTo(tls.clientPrivateKeyPkcs8Der());
    }

    @Test
    void freshMaterialDiffers() {
        assertThat(TlsMaterial.generate().caCertificateDer()).isNotEqualTo(tls.caCertificateDer());
    }
}
