package dev.mvmqtt.reference.support;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two brokers the reference's own integration tests run against, plain TCP on free loopback
 * ports: HiveMQ CE embedded in this JVM and the Debian {@code mosquitto} binary. Each starts once per
 * test run and is stopped when the run ends (the root store closes it). The TCK has the full matrix
 * (TLS, authentication, Testcontainers); this is just enough to exercise the relay.
 */
public final class LocalBrokers implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    private static final Object LOCK = new Object();
    private static EmbeddedHiveMQ hivemq;
    private static int hivemqPort;
    private static Process mosquitto;
    private static int mosquittoPort;
    private static String mosquittoProblem;
    private static Path workDir;

    public enum Broker {
        HIVEMQ,
        MOSQUITTO
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalBrokers.class, k -> new LocalBrokers());
    }

    /** The port of a running broker; starts it on first use. */
    public static int port(Broker broker) throws Exception {
        synchronized (LOCK) {
            if (workDir == null) {
                workDir = Files.createTempDirectory("mvmqtt-ref-brokers");
            }
            return broker == Broker.HIVEMQ ? hivemq() : mosquitto();
        }
    }

    /** Why mosquitto is not available here, or null. */
    public static String mosquittoProblem() {
        return mosquittoProblem;
    }

    private static int hivemq() throws Exception {
        if (hivemq == null) {
            hivemqPort = freePort();
            Path home = Files.createDirectories(workDir.resolve("hivemq"));
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.writeString(
                    conf.resolve("config.xml"),
                    "<?xml version=\"1.0\"?>\n<hivemq>\n  <listeners>\n"
                            + "    <tcp-listener><port>" + hivemqPort
                            + "</port><bind-address>127.0.0.1</bind-address></tcp-listener>\n"
                            + "  </listeners>\n  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n</hivemq>\n");
            EmbeddedHiveMQ embedded = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(home.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
                    .build();
            embedded.start().get(60, TimeUnit.SECONDS);
            hivemq = embedded;
        }
        return hivemqPort;
    }

    private static int mosquitto() throws Exception {
        if (mosquitto == null) {
            Path binary = Stream.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")
                    .map(Path::of)
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElse(null);
            if (binary == null) {
                mosquittoProblem = "the mosquitto binary is not installed (apt-get install mosquitto)";
                throw new IllegalStateException(mosquittoProblem);
            }
            mosquittoPort = freePort();
            Path conf = workDir.resolve("mosquitto.conf");
            Files.writeString(
                    conf,
                    "listener " + mosquittoPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                            + "max_queued_messages 1000\n",
                    StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("mosquitto.log").toFile())
                    .start();
            mosquitto = process;
            awaitPort(mosquittoPort, process);
        }
        return mosquittoPort;
    }

    private static void awaitPort(int port, Process process) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited: " + Files.readString(workDir.resolve("mosquitto.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                // Polling a port that is not listening yet; connect's own timeout paces the loop.
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IOException("mosquitto did not listen on " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A loopback port nothing listens on: bound and released, so a connect is refused. */
    public static int closedPort() throws IOException {
        return freePort();
    }

    @Override
    public void close() throws Exception {
        synchronized (LOCK) {
            if (hivemq != null) {
                hivemq.stop().get(30, TimeUnit.SECONDS);
                hivemq.close();
                hivemq = null;
            }
            if (mosquitto != null) {
                mosquitto.destroy();
                if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) {
                    mosquitto.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                mosquitto = null;
            }
            if (workDir != null) {
                try (Stream<Path> files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
                workDir = null;
            }
        }
    }
}
