package dev.mvmqtt.tck.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCertificateTest {
    private static final TlsMaterial MATERIAL = TlsMaterial.generate();

    @TempDir
    Path tmp;

    @Test
    void theKitsOwnIsTheKitsClientCertificateAndKey() {
        ClientCertificate own = ClientCertificate.of(MATERIAL);
        assertThat(own.chainDer()).hasSize(1);
        assertThat(own.certificateDer()).isEqualTo(MATERIAL.clientCertificateDer());
        assertThat(own.privateKeyDer()).isEqualTo(MATERIAL.clientPrivateKeyPkcs8Der());
    }

    @Test
    void readsAPemChainWithItsPemKey() throws Exception {
        Path cert = Files.writeString(
                tmp.resolve("chain.pem"),
                "subject=client\n" + TlsMaterial.pem("CERTIFICATE", MATERIAL.clientCertificateDer())
                        + TlsMaterial.pem("CERTIFICATE", MATERIAL.caCertificateDer()));
        Path key = Files.writeString(
                tmp.resolve("key.pem"), TlsMaterial.pem("PRIVATE KEY", MATERIAL.clientPrivateKeyPkcs8Der()));
        ClientCertificate read = ClientCertificate.read(cert, key);
        assertThat(read.chainDer()).containsExactly(MATERIAL.clientCertificateDer(), MATERIAL.caCertificateDer());
        assertThat(read.privateKeyDer()).isEqualTo(MATERIAL.clientPrivateKeyPkcs8Der());
    }

    @Test
    void readsDerFiles() throws Exception {
        Path cert = Files.write(tmp.resolve("client.der"), MATERIAL.clientCertificateDer());
        Path key = Files.write(tmp.resolve("client-key.der"), MATERIAL.clientPrivateKeyPkcs8Der());
        ClientCertificate read = ClientCertificate.read(cert, key);
        assertThat(read.chainDer()).containsExactly(MATERIAL.clientCertificateDer());
    }

    @Test
    void itsKeyManagerPresentsTheChainWithItsKey() throws Exception {
        javax.net.ssl.X509KeyManager km = (javax.net.ssl.X509KeyManager)
                ClientCertificate.of(MATERIAL).keyManagerFactory().getKeyManagers()[0];
        assertThat(km.getCertificateChain("client")[0].getEncoded()).isEqualTo(MATERIAL.clientCertificateDer());
        assertThat(km.getPrivateKey("client").getEncoded()).isEqualTo(MATERIAL.clientPrivateKeyPkcs8Der());
    }

    @Test
    void badFilesAreOneLineReasons() throws Exception {
        Path cert = Files.write(tmp.resolve("client.der"), MATERIAL.clientCertificateDer());
        Path key = Files.write(tmp.resolve("client-key.der"), MATERIAL.clientPrivateKeyPkcs8Der());
        Path otherKey =
                Files.write(tmp.resolve("other-key.der"), TlsMaterial.generate().clientPrivateKeyPkcs8Der());
        Path missing = tmp.resolve("missing.pem");
        Path text = Files.writeString(tmp.resolve("text.pem"), "not a certificate\n");
        Path sec1 = Files.writeString(tmp.resolve("sec1.pem"), TlsMaterial.pem("EC PRIVATE KEY", new byte[] {1, 2}));
        Path encrypted =
                Files.writeString(tmp.resolve("enc.pem"), TlsMaterial.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2}));

        assertThatThrownBy(() -> ClientCertificate.read(cert, otherKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the key in " + otherKey + " is not the key of the certificate in " + cert)
                .hasMessageContaining("CN=mvmqtt-tck-client");
        assertThatThrownBy(() -> ClientCertificate.read(missing, key))
                .hasMessage("cannot read the client certificate file " + missing + " (NoSuchFileException)");
        assertThatThrownBy(() -> ClientCertificate.read(cert, missing))
                .hasMessage("cannot read the client key file " + missing + " (NoSuchFileException)");
        assertThatThrownBy(() -> ClientCertificate.read(text, key))
                .hasMessage("no X.509 certificate (PEM or DER) in " + text);
        assertThatThrownBy(() -> ClientCertificate.read(cert, text))
                .hasMessage("no unencrypted PKCS#8 EC key (PEM or DER) in " + text);
        assertThatThrownBy(() -> ClientCertificate.read(cert, cert))
                .hasMessage("no unencrypted PKCS#8 EC key (PEM or DER) in " + cert);
        assertThatThrownBy(() -> ClientCertificate.read(cert, sec1))
                .hasMessage(
                        "the key in " + sec1
                                + " is a PEM 'EC PRIVATE KEY' block, not PKCS#8; convert it with openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> ClientCertificate.read(cert, encrypted))
                .hasMessageContaining("is encrypted; the device takes an unencrypted PKCS#8 key");
    }
}
