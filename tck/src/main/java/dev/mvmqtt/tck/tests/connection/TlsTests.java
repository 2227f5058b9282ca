package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvOwnTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.target.Transport;
import dev.mvmqtt.tck.tls.ClientCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** TLS: plain TCP, server authentication, mutual TLS, unknown CA, expired certificate, hostname verification. */
class TlsTests {

    private static MvTlsCredentials trusting(byte[]... caDer) {
        return MvTlsCredentials.serverOnly(MvTlsCertificateChain.ofDer(List.of(caDer)));
    }

    @TargetTest(transport = Transport.PLAIN)
    @Asserts("TLS-PLAIN-1")
    void connectWithoutTlsCredentialsSpeaksPlainMqtt(TckTarget target) {
        String topic = target.uniqueTopic("plain");
        byte[] payload = utf8("plain tcp");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            MvMqttConnectRequest plain = Firmware.connectRequest(target, target.uniqueClientId("plain"))
                    .tlsCredentials(null)
                    .build();
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(ch, plain);
            rule("TLS-PLAIN-1", "connect without tls_credentials to the plain listener")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(1, topic, payload, 1, false))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.is(topic, payload));

            // control: the same request against the broker's TLS listener does not connect (no TLS handshake is made)
            int tlsPort = target.broker().tlsPort();
            int ch2 = fw.openChannel();
            MvMqttConnectResponse r2 = fw.connect(
                    ch2,
                    plain.toBuilder()
                            .clientId(target.uniqueClientId("plain2"))
                            .port(tlsPort)
                            .build());
            rule(
                            "TLS-PLAIN-1",
                            "without tls_credentials no TLS handshake is made, so a TLS listener does not accept it")
                    .assertThat(r2.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        }
    }

    @TargetTest(transport = Transport.PLAIN)
    @Asserts("TLS-REF-2")
    void plainTcpIsAllowedByDefault(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("plaindef"))
                            .tlsCredentials(null)
                            .build());
            rule("TLS-REF-2", "plain TCP is allowed by the default policy")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        }
    }

    @TargetTest(transport = Transport.TLS)
    @Asserts("TLS-OK-1")
    void tlsConnectWithTheIssuingCaCompletes(TckTarget target) {
        String topic = target.uniqueTopic("tls-ok");
        byte[] payload = utf8("over tls");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("tlsok"))
                            .tlsCredentials(trusting(target.caCertificateDer()))
                            .build());
            rule("TLS-OK-1", "TLS connect with the CA that issued the broker's certificate")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(1, topic, payload, 1, false))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.is(topic, payload));
        }
    }

    @TargetTest(transport = Transport.TLS)
    @Asserts({"TLS-CA-1", "TLS-REF-4", "GEN-STATE-1"})
    void serverCertificateFromAnotherCaIsUnknownCa(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("unkca"))
                            .tlsCredentials(trusting(target.tls().otherCaCertificateDer()))
                            .build());
            rule("TLS-CA-1", "trusting only an unrelated CA")
                    .assertThat(r.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("TLS-REF-4", "trusting only an unrelated CA")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.UNKNOWNCA);
            rule("GEN-STATE-1", "connect-only states never answer subscribe/unsubscribe/publish/disconnect")
                    .assertThat(ConnectionSupport.statesOfAcceptedRequests(fw, ch, target.uniqueTopic("unkca")))
                    .doesNotContainAnyElementsOf(ConnectionSupport.CONNECT_ONLY_STATES);
        }
    }

    /** The demo's certificate-only build passes an empty CA chain: TLS with the platform's trust, not a refusal. */
    @TargetTest(transport = Transport.TLS)
    @Asserts("TLS-REF-3")
    void anEmptyCaChainMeansThePlatformsTrustStore(TckTarget target) {
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("noca"))
                            .tlsCredentials(trusting())
                            .build());
            rule("TLS-REF-3", "an empty CA chain, a broker certificate from the kit's private CA")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.UNKNOWNCA);
        }
    }

    @TargetTest(transport = Transport.TLS)
    @Asserts({"TLS-EXPIRED-1", "TLS-REF-5", "GEN-STATE-1"})
    void expiredServerCertificateIsCertificateExpired(TckTarget target) {
        int expiredPort = target.expiredTlsPort();
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("expired"))
                            .port(expiredPort)
                            .tlsCredentials(trusting(target.caCertificateDer()))
                            .build());
            rule("TLS-EXPIRED-1", "the broker's certificate expired yesterday")
                    .assertThat(r.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("TLS-REF-5", "the broker's certificate expired yesterday")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.CERTIFICATEEXPIRED);
            rule("GEN-STATE-1", "connect-only states never answer subscribe/unsubscribe/publish/disconnect")
                    .assertThat(ConnectionSupport.statesOfAcceptedRequests(fw, ch, target.uniqueTopic("expired")))
                    .doesNotContainAnyElementsOf(ConnectionSupport.CONNECT_ONLY_STATES);
        }
    }

    /**
     * The broker accepts the device presenting a client certificate it accepts (the kit's, issued by the kit's CA, on
     * a local target; the operator's on an external one), with its PKCS#8 DER key, on its listener that requires
     * client certificates where it has one apart; and a TLS listener of the test's own that requires that certificate
     * completes the handshake with the device (while it refuses the same device without one).
     */
    @TargetTest(transport = Transport.TLS)
    @Asserts("TLS-MUTUAL-1")
    void clientCertificateAndPkcs8KeyArePresented(TckTarget target) throws Exception {
        ClientCertificate client = target.clientCertificate();
        String topic = target.uniqueTopic("mtls");
        byte[] payload = utf8("mutual tls");
        MvTlsCertificateChain ca = MvTlsCertificateChain.ofDer(List.of(target.caCertificateDer()));
        MvOwnTlsCertificateChain own = new MvOwnTlsCertificateChain(
                MvTlsCertificateChain.ofDer(client.chainDer()), MvSizedString.of(client.privateKeyDer()));
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("mtls"))
                            .port(target.clientCertificateTlsPort())
                            .tlsCredentials(new MvTlsCredentials(ca, own))
                            .build());
            rule("TLS-MUTUAL-1", "connect presenting a client certificate the broker accepts and its PKCS#8 key")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(1, topic, payload, 1, false))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.is(topic, payload));
        }

        // The TCK's brokers ask for, but do not require, client certificates. A listener of the test's own that
        // requires the client certificate's chain shows that the device really presents the one it is given.
        Pki listenerPki = Pki.create("127.0.0.1");
        MvTlsCertificateChain listenerCa = MvTlsCertificateChain.ofDer(List.of(listenerPki.caDer()));
        try (Firmware fw = Firmware.start(target);
                TlsListener requiring = new TlsListener(listenerPki, client.certificateDer())) {
            int ch = fw.openChannel();
            assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    ch,
                                    Firmware.connectRequest(target, target.uniqueClientId("mtls3"))
                                            .host("127.0.0.1")
                                            .port(requiring.port())
                                            .tlsCredentials(new MvTlsCredentials(listenerCa, own))
                                            .build()))
                    .isEqualTo(dev.mvmqtt.spec.api.codes.MvStatus.OKAY);
            rule(
                            "TLS-MUTUAL-1",
                            "a server that requires the device's client certificate completes the handshake and gets CONNECT")
                    .assertThat(requiring.applicationBytes(fw.timeout()))
                    .isPositive();
        }
        // control: the same listener refuses a device that presents no client certificate
        try (Firmware fw = Firmware.start(target);
                TlsListener requiring = new TlsListener(listenerPki, client.certificateDer())) {
            int ch = fw.openChannel();
            assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    ch,
                                    Firmware.connectRequest(target, target.uniqueClientId("mtls4"))
                                            .host("127.0.0.1")
                                            .port(requiring.port())
                                            .tlsCredentials(MvTlsCredentials.serverOnly(listenerCa))
                                            .build()))
                    .isEqualTo(dev.mvmqtt.spec.api.codes.MvStatus.OKAY);
            rule("TLS-MUTUAL-1", "control: the listener really requires a client certificate")
                    .assertThat(requiring.applicationBytes(fw.timeout()))
                    .isNegative();
        }
    }

    /**
     * Hostname verification, against a TLS listener of the test's own on 127.0.0.1: with a certificate naming
     * 127.0.0.1 the handshake completes and the device sends its CONNECT (control); with one from the same CA naming
     * only another host, the connect is not completed and no byte of MQTT reaches the listener.
     */
    @TargetTest(transport = Transport.TLS)
    @Asserts("TLS-REF-1")
    void hostnameVerificationIsOn(TckTarget target) throws Exception {
        Pki good = Pki.create("127.0.0.1");
        Pki wrongName = Pki.createSharingCa(good, "wrong-name.mvmqtt-tck.invalid");
        try (Firmware fw = Firmware.start(target)) {
            // control: the name matches, so the device completes the handshake and writes MQTT
            try (TlsListener listener = new TlsListener(good)) {
                int ch = fw.openChannel();
                fw.mv()
                        .mvMqttRequestConnect(
                                ch,
                                Firmware.connectRequest(target, target.uniqueClientId("hv1"))
                                        .host("127.0.0.1")
                                        .port(listener.port())
                                        .tlsCredentials(trusting(good.caDer()))
                                        .build());
                int bytes = listener.applicationBytes(fw.timeout());
                rule(
                                "TLS-REF-1",
                                "control: with a certificate naming 127.0.0.1 the device completes TLS and sends CONNECT")
                        .assertThat(bytes)
                        .isPositive();
                fw.closeChannel(ch);
            }
            try (TlsListener listener = new TlsListener(wrongName)) {
                int ch = fw.openChannel();
                MvMqttConnectResponse r = fw.connect(
                        ch,
                        Firmware.connectRequest(target, target.uniqueClientId("hv2"))
                                .host("127.0.0.1")
                                .port(listener.port())
                                .tlsCredentials(trusting(wrongName.caDer()))
                                .build());
                rule("TLS-REF-1", "the certificate does not name 127.0.0.1")
                        .assertThat(r.state())
                        .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
                rule("TLS-REF-1", "no MQTT byte is sent over a connection whose certificate names another host")
                        .assertThat(listener.applicationBytes(fw.timeout()))
                        .isLessThanOrEqualTo(0);
            }
        }
    }

    /**
     * TLS-REF-6: a certificate from the trusted CA whose only mention of the host is its common name (no subject
     * alternative name) is refused, as SOCKETERROR, and no MQTT byte is sent; the same name as a subject alternative
     * name connects (the control).
     */
    @TargetTest(transport = Transport.TLS)
    @Asserts("TLS-REF-6")
    void aCertificateNamingTheHostOnlyInItsCommonNameIsRefused(TckTarget target) throws Exception {
        Pki withSan = Pki.create("localhost");
        Pki commonNameOnly = Pki.createSharingCaCommonNameOnly(withSan, "localhost");
        try (Firmware fw = Firmware.start(target)) {
            try (TlsListener listener = new TlsListener(withSan)) {
                int ch = fw.openChannel();
                fw.mv()
                        .mvMqttRequestConnect(
                                ch,
                                Firmware.connectRequest(target, target.uniqueClientId("cn1"))
                                        .host("localhost")
                                        .port(listener.port())
                                        .tlsCredentials(trusting(withSan.caDer()))
                                        .build());
                rule("TLS-REF-6", "control: 'localhost' as a subject alternative name completes TLS and sends CONNECT")
                        .assertThat(listener.applicationBytes(fw.timeout()))
                        .isPositive();
                fw.closeChannel(ch);
            }
            try (TlsListener listener = new TlsListener(commonNameOnly)) {
                int ch = fw.openChannel();
                MvMqttConnectResponse r = fw.connect(
                        ch,
                        Firmware.connectRequest(target, target.uniqueClientId("cn2"))
                                .host("localhost")
                                .port(listener.port())
                                .tlsCredentials(trusting(commonNameOnly.caDer()))
                                .build());
                rule("TLS-REF-6", "CN=localhost without a subject alternative name")
                        .assertThat(r.state())
                        .isEqualTo(MvMqttRequestState.SOCKETERROR);
                rule("TLS-REF-6", "no MQTT byte over a connection whose certificate names the host only in its CN")
                        .assertThat(listener.applicationBytes(fw.timeout()))
                        .isLessThanOrEqualTo(0);
            }
        }
    }

    /** TLS-REF-7: a certificate from the trusted CA for another host is SOCKETERROR, not UNKNOWNCA (the CA is known). */
    @TargetTest(transport = Transport.TLS)
    @Asserts("TLS-REF-7")
    void aCertificateForAnotherHostFromTheTrustedCaIsASocketError(TckTarget target) throws Exception {
        Pki wrongName = Pki.create("wrong-name.mvmqtt-tck.invalid");
        try (Firmware fw = Firmware.start(target);
                TlsListener listener = new TlsListener(wrongName)) {
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("hn"))
                            .host("127.0.0.1")
                            .port(listener.port())
                            .tlsCredentials(trusting(wrongName.caDer()))
                            .build());
            rule("TLS-REF-7", "issued by the trusted CA for another host")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.SOCKETERROR);
        }
    }

    // ---- a small PKI and TLS listener of the test's own ---------------------------------------------------------

    private record Pki(
            X509Certificate ca,
            PrivateKey caKey,
            X509Certificate server,
            PrivateKey serverKey,
            X509Certificate client,
            PrivateKey clientKey) {
        private static final SecureRandom RANDOM = new SecureRandom();

        static Pki create(String serverName) throws Exception {
            KeyPair caKeys = keys();
            X500Name caName = new X500Name("CN=mvmqtt TCK test-local CA " + RANDOM.nextInt(1_000_000));
            X509Certificate ca = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    caName,
                                    serial(),
                                    Date.from(Instant.now().minus(Duration.ofDays(1))),
                                    Date.from(Instant.now().plus(Duration.ofDays(2))),
                                    caName,
                                    caKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                            .addExtension(
                                    Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            return withLeaves(ca, caKeys.getPrivate(), serverName);
        }

        static Pki createSharingCa(Pki other, String serverName) throws Exception {
            return withLeaves(other.ca, other.caKey, serverName);
        }

        /** A server certificate with {@code CN=hostName} and no subject alternative name. */
        static Pki createSharingCaCommonNameOnly(Pki other, String hostName) throws Exception {
            KeyPair serverKeys = keys();
            X509Certificate server =
                    leaf(other.ca, other.caKey, "CN=" + hostName, serverKeys, KeyPurposeId.id_kp_serverAuth, null);
            return new Pki(other.ca, other.caKey, server, serverKeys.getPrivate(), other.client, other.clientKey);
        }

        private static Pki withLeaves(X509Certificate ca, PrivateKey caKey, String serverName) throws Exception {
            KeyPair serverKeys = keys();
            KeyPair clientKeys = keys();
            boolean ip = Character.isDigit(serverName.charAt(0)) || serverName.contains(":");
            GeneralName san = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, serverName);
            X509Certificate server = leaf(
                    ca,
                    caKey,
                    "CN=" + (ip ? "tck-server" : serverName),
                    serverKeys,
                    KeyPurposeId.id_kp_serverAuth,
                    san);
            X509Certificate client =
                    leaf(ca, caKey, "CN=mvmqtt-tck-foreign-client", clientKeys, KeyPurposeId.id_kp_clientAuth, null);
            return new Pki(ca, caKey, server, serverKeys.getPrivate(), client, clientKeys.getPrivate());
        }

        private static X509Certificate leaf(
                X509Certificate ca,
                PrivateKey caKey,
                String subject,
                KeyPair keys,
                KeyPurposeId purpose,
                GeneralName san)
                throws Exception {
            var b = new JcaX509v3CertificateBuilder(
                            ca,
                            serial(),
                            Date.from(Instant.now().minus(Duration.ofDays(1))),
                            Date.from(Instant.now().plus(Duration.ofDays(2))),
                            new X500Name(subject),
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        }

        private static KeyPair keys() throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        }

        private static BigInteger serial() {
            return new BigInteger(63, RANDOM).add(BigInteger.ONE);
        }

        byte[] caDer() throws GeneralSecurityException {
            return ca.getEncoded();
        }

        byte[] clientCertDer() throws GeneralSecurityException {
            return client.getEncoded();
        }

        byte[] clientKeyDer() {
            return clientKey.getEncoded();
        }
    }

    /** Trusts a client that presents exactly one certificate (first in its chain); a listener's, never a client's. */
    private record ExactClientCertificate(byte[] certificateDer) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !Arrays.equals(chain[0].getEncoded(), certificateDer)) {
                throw new CertificateException("not the client certificate the device was given");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this trust manager checks clients only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Accepts one TLS connection on 127.0.0.1 and counts the application bytes it receives (-1: handshake failed). */
    private static final class TlsListener implements AutoCloseable {
        private final SSLServerSocket server;
        private final CompletableFuture<Integer> received = new CompletableFuture<>();
        private final Thread thread;

        TlsListener(Pki pki) throws Exception {
            this(pki, null);
        }

        /**
         * With {@code clientCertificateDer}, the listener requires exactly that client certificate (and, as TLS does,
         * proof that the client holds its key). It names no acceptable issuer in its certificate request, so a client
         * is not led to withhold a certificate whose issuer the listener would not have named.
         */
        TlsListener(Pki pki, byte[] clientCertificateDer) throws Exception {
            char[] pw = "tck".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", pki.serverKey(), pw, new Certificate[] {pki.server(), pki.ca()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(
                    kmf.getKeyManagers(),
                    clientCertificateDer == null
                            ? null
                            : new TrustManager[] {new ExactClientCertificate(clientCertificateDer)},
                    null);
            server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
            server.setNeedClientAuth(clientCertificateDer != null);
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
            thread = new Thread(this::serve, "mvmqtt-tck-tls-listener");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try (Socket s = server.accept()) {
                SSLSocket ssl = (SSLSocket) s;
                ssl.setSoTimeout(5_000);
                try {
                    ssl.startHandshake();
                } catch (IOException e) {
                    received.complete(-1);
                    return;
                }
                InputStream in = ssl.getInputStream();
                byte[] buf = new byte[256];
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    n = -1;
                }
                received.complete(Math.max(n, 0));
            } catch (IOException e) {
                received.complete(-1);
            }
        }

        /** Bytes of MQTT received after a completed handshake; 0 when none, -1 when the handshake failed. */
        int applicationBytes(Duration timeout) throws Exception {
            try {
                return received.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return 0; // nobody connected at all: no byte arrived
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
