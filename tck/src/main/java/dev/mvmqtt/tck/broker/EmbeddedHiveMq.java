package dev.mvmqtt.tck.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import dev.mvmqtt.tck.broker.hivemq.TckAuthExtensionMain;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ CE embedded in this JVM: one instance serves the four HiveMQ targets. Config, data and extension folders
 * live in a temporary folder that {@link #close()} deletes.
 */
final class EmbeddedHiveMq implements ManagedBroker {
    /** The HiveMQ CE version on the class path when the manifest does not say. */
    static final String FALLBACK_VERSION = "2025.5";

    private final EmbeddedHiveMQ hivemq;
    private final Path dir;
    private final RunningBroker endpoint;
    private volatile boolean closed;

    private EmbeddedHiveMq(EmbeddedHiveMQ hivemq, Path dir, RunningBroker endpoint) {
        this.hivemq = hivemq;
        this.dir = dir;
        this.endpoint = endpoint;
    }

    static String version() {
        try {
            String v = EmbeddedHiveMQ.class.getPackage().getImplementationVersion();
            return v == null || v.isBlank() ? FALLBACK_VERSION : v;
        } catch (LinkageError e) {
            return FALLBACK_VERSION;
        }
    }

    static EmbeddedHiveMq start(TlsMaterial tls, Credentials credentials, Duration timeout)
            throws BrokerStartException {
        try {
            Class.forName("com.hivemq.embedded.EmbeddedHiveMQ");
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BrokerStartException(
                    "HiveMQ CE embedded is not on the class path (" + "com.hivemq:hivemq-community-edition-embedded)");
        }
        LocalFiles.quietLoggers(
                "com.hivemq", "oshi", "jetbrains.exodus", "org.jboss", "org.eclipse.jetty", "io.netty", "org.rocksdb");
        long started = System.nanoTime();
        Path dir = null;
        EmbeddedHiveMQ hivemq = null;
        try {
            dir = LocalFiles.tempDir("mvmqtt-hivemq-");
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path data = Files.createDirectories(dir.resolve("data"));
            Path extensions = Files.createDirectories(dir.resolve("extensions"));
            char[] password = "mvmqtt-tck".toCharArray();
            Path keyStore = conf.resolve("server.p12");
            Path expiredKeyStore = conf.resolve("expired-server.p12");
            Path trustStore = conf.resolve("ca.p12");
            TlsMaterial.write(tls.serverKeyStore(password), password, keyStore);
            TlsMaterial.write(tls.expiredServerKeyStore(password), password, expiredKeyStore);
            TlsMaterial.write(tls.trustStore(), password, trustStore);
            int[] ports = LocalFiles.freePorts(3);
            Files.writeString(
                    conf.resolve("config.xml"),
                    HiveMqConfig.xml(
                            LocalFiles.LOOPBACK,
                            ports[0],
                            ports[1],
                            ports[2],
                            keyStore.toString(),
                            expiredKeyStore.toString(),
                            trustStore.toString(),
                            new String(password)),
                    StandardCharsets.UTF_8);

            EmbeddedExtension auth = EmbeddedExtension.builder()
                    .withId(TckAuthExtensionMain.ID)
                    .withName(TckAuthExtensionMain.NAME)
                    .withVersion("1.0")
                    .withAuthor("mvmqtt")
                    .withPriority(1000)
                    .withStartPriority(1000)
                    .withExtensionMain(new TckAuthExtensionMain(credentials.username(), credentials.password()))
                    .build();
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withEmbeddedExtension(auth)
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (int port : ports) {
                if (!LocalFiles.accepts(LocalFiles.LOOPBACK, port, 2000)) {
                    throw new BrokerStartException(
                            "HiveMQ CE embedded started but does not listen on " + LocalFiles.LOOPBACK + ":" + port);
                }
            }
            RunningBroker endpoint = new RunningBroker(
                    BrokerFamily.HIVEMQ,
                    Provisioning.EMBEDDED,
                    version(),
                    LocalFiles.LOOPBACK,
                    ports[0],
                    ports[1],
                    ports[2],
                    tls.caCertificateDer(),
                    tls,
                    credentials,
                    Duration.ofNanos(System.nanoTime() - started));
            return new EmbeddedHiveMq(hivemq, dir, endpoint);
        } catch (BrokerStartException e) {
            stopQuietly(hivemq, dir);
            throw e;
        } catch (TimeoutException e) {
            stopQuietly(hivemq, dir);
            throw new BrokerStartException("HiveMQ CE embedded did not start within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            stopQuietly(hivemq, dir);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BrokerStartException("HiveMQ CE embedded failed to start: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(hivemq, dir);
            throw new BrokerStartException("interrupted while starting HiveMQ CE embedded", e);
        } catch (IOException | RuntimeException | LinkageError e) {
            stopQuietly(hivemq, dir);
            throw new BrokerStartException("HiveMQ CE embedded failed to start: " + e, e);
        }
    }

    private static void stopQuietly(EmbeddedHiveMQ hivemq, Path dir) {
        if (hivemq != null) {
            try {
                hivemq.stop().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing below
            }
            try {
                hivemq.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        LocalFiles.deleteTree(dir);
    }

    @Override
    public RunningBroker endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stopQuietly(hivemq, dir);
        }
    }
}
