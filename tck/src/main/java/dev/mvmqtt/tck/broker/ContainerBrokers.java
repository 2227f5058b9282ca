package dev.mvmqtt.tck.broker;

import dev.mvmqtt.tck.broker.hivemq.TckAuthExtensionMain;
import dev.mvmqtt.tck.broker.hivemq.TckAuthenticator;
import dev.mvmqtt.tck.settings.ContainerImages;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.hivemq.HiveMQExtension;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The Testcontainers provisioning: HiveMQ CE and Mosquitto in the images of {@link ContainerImages} (the pinned
 * official ones by default, or any that keeps their contract), each with a plain listener, a TLS listener and an expired-certificate TLS listener, anonymous access and the TCK
 * credentials. Only used where a Docker engine answers.
 */
final class ContainerBrokers {
    static final int PLAIN = 1883;
    static final int TLS = 8883;
    static final int TLS_EXPIRED = 8884;
    /** The repository the Testcontainers HiveMQ module accepts images of. */
    private static final String HIVEMQ_CE_REPOSITORY = "hivemq/hivemq-ce";

    private ContainerBrokers() {}

    /** A started container and its temporary host folder. */
    private static final class Started implements ManagedBroker {
        private final GenericContainer<?> container;
        private final Path dir;
        private final RunningBroker endpoint;
        private boolean closed;

        Started(GenericContainer<?> container, Path dir, RunningBroker endpoint) {
            this.container = container;
            this.dir = dir;
            this.endpoint = endpoint;
        }

        @Override
        public RunningBroker endpoint() {
            return endpoint;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                stopQuietly(container, dir);
            }
        }
    }

    private static void stopQuietly(GenericContainer<?> container, Path dir) {
        if (container != null) {
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        LocalFiles.deleteTree(dir);
    }

    static ManagedBroker hivemq(TlsMaterial tls, Credentials credentials, String image, Duration timeout)
            throws BrokerStartException {
        long started = System.nanoTime();
        Path dir = null;
        HiveMQContainer container = null;
        try {
            dir = LocalFiles.tempDir("mvmqtt-hivemq-container-");
            char[] password = "mvmqtt-tck".toCharArray();
            Path keyStore = dir.resolve("server.p12");
            Path expiredKeyStore = dir.resolve("expired-server.p12");
            Path trustStore = dir.resolve("ca.p12");
            TlsMaterial.write(tls.serverKeyStore(password), password, keyStore);
            TlsMaterial.write(tls.expiredServerKeyStore(password), password, expiredKeyStore);
            TlsMaterial.write(tls.trustStore(), password, trustStore);
            String home = "/opt/hivemq";
            Path config = dir.resolve("config.xml");
            Files.writeString(
                    config,
                    HiveMqConfig.xml(
                            "0.0.0.0",
                            PLAIN,
                            TLS,
                            TLS_EXPIRED,
                            home + "/tck/server.p12",
                            home + "/tck/expired-server.p12",
                            home + "/tck/ca.p12",
                            new String(password)),
                    StandardCharsets.UTF_8);
            Path credentialsFile = dir.resolve(TckAuthExtensionMain.CREDENTIALS_FILE);
            Files.writeString(
                    credentialsFile,
                    "username=" + escape(credentials.username()) + "\npassword=" + escape(credentials.password())
                            + "\n",
                    StandardCharsets.UTF_8);

            HiveMQExtension auth = HiveMQExtension.builder()
                    .id(TckAuthExtensionMain.ID)
                    .name(TckAuthExtensionMain.NAME)
                    .version("1.0")
                    .mainClass(TckAuthExtensionMain.class)
                    .addAdditionalClass(TckAuthenticator.class)
                    .build();
            // Any image keeping the official image's contract may stand in for it (the module checks the name).
            DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor(HIVEMQ_CE_REPOSITORY);
            container = new HiveMQContainer(name)
                    .withoutPrepackagedExtensions()
                    .withHiveMQConfig(MountableFile.forHostPath(config))
                    .withFileInHomeFolder(MountableFile.forHostPath(keyStore), "/tck/server.p12")
                    .withFileInHomeFolder(MountableFile.forHostPath(expiredKeyStore), "/tck/expired-server.p12")
                    .withFileInHomeFolder(MountableFile.forHostPath(trustStore), "/tck/ca.p12")
                    .withExtension(auth)
                    .withFileInExtensionHomeFolder(MountableFile.forHostPath(credentialsFile), TckAuthExtensionMain.ID)
                    .waitForExtension(auth)
                    .withStartupTimeout(timeout);
            container.addExposedPorts(TLS, TLS_EXPIRED);
            container.start();
            RunningBroker endpoint = new RunningBroker(
                    BrokerFamily.HIVEMQ,
                    Provisioning.TESTCONTAINERS,
                    ContainerImages.tag(image),
                    container.getHost(),
                    container.getMqttPort(),
                    container.getMappedPort(TLS),
                    container.getMappedPort(TLS_EXPIRED),
                    tls.caCertificateDer(),
                    tls,
                    credentials,
                    Duration.ofNanos(System.nanoTime() - started));
            return new Started(container, dir, endpoint);
        } catch (IOException | RuntimeException e) {
            stopQuietly(container, dir);
            throw new BrokerStartException("container " + image + " failed to start: " + e, e);
        }
    }

    static ManagedBroker mosquitto(TlsMaterial tls, Credentials credentials, String image, Duration timeout)
            throws BrokerStartException {
        long started = System.nanoTime();
        GenericContainer<?> container = null;
        try {
            // The log goes to stderr: mosquitto before 2.0.12 (Debian's 2.0.11) does not flush stdout when it is not
            // a terminal, so the start-up line the wait strategy looks for would never reach the container log.
            String conf = """
                    per_listener_settings false
                    allow_anonymous true
                    password_file /mosquitto/config/passwords
                    persistence false
                    max_queued_messages 1000
                    set_tcp_nodelay true
                    log_dest stderr

                    listener %d

                    listener %d
                    cafile /mosquitto/config/ca.pem
                    certfile /mosquitto/config/server.pem
                    keyfile /mosquitto/config/server-key.pem
                    require_certificate false

                    listener %d
                    cafile /mosquitto/config/ca.pem
                    certfile /mosquitto/config/expired-server.pem
                    keyfile /mosquitto/config/server-key.pem
                    require_certificate false
                    """.formatted(PLAIN, TLS, TLS_EXPIRED);
            byte[] ca = TlsMaterial.pem("CERTIFICATE", tls.caCertificateDer()).getBytes(StandardCharsets.US_ASCII);
            byte[] cert =
                    TlsMaterial.pem("CERTIFICATE", tls.serverCertificateDer()).getBytes(StandardCharsets.US_ASCII);
            byte[] expired = TlsMaterial.pem("CERTIFICATE", tls.expiredServerCertificateDer())
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] key = TlsMaterial.pem("PRIVATE KEY", tls.serverPrivateKeyPkcs8Der())
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] passwords = (MosquittoProcess.passwordLine(credentials.username(), credentials.password()) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            container = new GenericContainer<>(DockerImageName.parse(image))
                    .withExposedPorts(PLAIN, TLS, TLS_EXPIRED)
                    .withCopyToContainer(
                            Transferable.of(conf.getBytes(StandardCharsets.UTF_8), 0644),
                            "/mosquitto/config/mosquitto.conf")
                    .withCopyToContainer(Transferable.of(ca, 0644), "/mosquitto/config/ca.pem")
                    .withCopyToContainer(Transferable.of(cert, 0644), "/mosquitto/config/server.pem")
                    .withCopyToContainer(Transferable.of(expired, 0644), "/mosquitto/config/expired-server.pem")
                    .withCopyToContainer(Transferable.of(key, 0644), "/mosquitto/config/server-key.pem")
                    .withCopyToContainer(Transferable.of(passwords, 0644), "/mosquitto/config/passwords")
                    .waitingFor(Wait.forLogMessage(".*mosquitto version .* running.*", 1))
                    .withStartupTimeout(timeout);
            container.start();
            RunningBroker endpoint = new RunningBroker(
                    BrokerFamily.MOSQUITTO,
                    Provisioning.TESTCONTAINERS,
                    ContainerImages.tag(image),
                    container.getHost(),
                    container.getMappedPort(PLAIN),
                    container.getMappedPort(TLS),
                    container.getMappedPort(TLS_EXPIRED),
                    tls.caCertificateDer(),
                    tls,
                    credentials,
                    Duration.ofNanos(System.nanoTime() - started));
            return new Started(container, null, endpoint);
        } catch (RuntimeException e) {
            stopQuietly(container, null);
            throw new BrokerStartException("container " + image + " failed to start: " + e, e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\")
                .replace("\n", "\\n")
                .replace("=", "\\=")
                .replace(":", "\\:");
    }
}
