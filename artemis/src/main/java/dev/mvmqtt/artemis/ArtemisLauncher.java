package dev.mvmqtt.artemis;

import dev.mvmqtt.tck.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Starts an {@link ArtemisBroker} for a shell script and keeps it up until the process is ended (SIGTERM stops
 * the broker cleanly). Usage:
 *
 * <pre>java -cp artemis/target/classes:artemis/target/lib/* dev.mvmqtt.artemis.ArtemisLauncher \
 *     --port-file FILE --username USER --password-env VAR [--port N] [--tls-dir DIR]</pre>
 *
 * <p>Once the broker serves, the chosen port is written to the port file (written whole, then renamed, so a
 * reader never sees half of it); a script waits for that file. The password is read from the environment
 * variable named, never from the command line.
 *
 * <p>With {@code --tls-dir}, the broker also serves MQTT over TLS on three free loopback ports, with certificates
 * generated for this run, and before the port file appears the folder holds what certify's external TLS options
 * take: {@code ca.pem} (the CA of every server certificate, {@code --external-ca-cert}), {@code client.pem} and
 * {@code client-key.pem} (a client certificate from that CA and its PKCS#8 key, {@code --external-client-cert} and
 * {@code --external-client-key}), and the ports, one number per file: {@code tls-port} (valid certificate),
 * {@code expired-tls-port} (expired certificate) and {@code client-cert-tls-port} (client certificate required).
 */
public final class ArtemisLauncher {
    private ArtemisLauncher() {}

    public static void main(String[] args) throws Exception {
        Path portFile = null;
        String username = null;
        String passwordEnv = null;
        int port = 0;
        Path tlsDir = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port-file" -> portFile = Path.of(required(args[i], value));
                case "--username" -> username = required(args[i], value);
                case "--password-env" -> passwordEnv = required(args[i], value);
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--tls-dir" -> tlsDir = Path.of(required(args[i], value));
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (portFile == null || username == null || passwordEnv == null) {
            usage("--port-file, --username and --password-env are required");
        }
        String password = System.getenv(passwordEnv);
        if (password == null || password.isEmpty()) {
            usage("the environment variable " + passwordEnv + " holds no password");
        }
        Path data = Files.createTempDirectory("mvmqtt-artemis");
        long started = System.nanoTime();
        Path certificates = tlsDir;
        TlsMaterial tls = tlsDir == null ? null : TlsMaterial.generate();
        ArtemisBroker broker = ArtemisBroker.start(port, data, username, password, tls);
        long millis = (System.nanoTime() - started) / 1_000_000;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                broker.close();
                            } catch (Exception e) {
                                System.err.println("artemis: stop failed: " + e);
                            }
                            deleteTree(data); // its key stores hold the run's private keys
                            stopped.countDown();
                        },
                        "artemis-stop"));
        if (tls != null) {
            writeTlsFiles(tlsDir, tls, broker.tlsPorts().orElseThrow());
        }
        // said before the port file appears, so that a script that waited for the file finds the line
        System.out.println("artemis: ActiveMQ Artemis " + broker.version() + " serves MQTT on 127.0.0.1:"
                + broker.port()
                + broker.tlsPorts()
                        .map(p -> ", over TLS on " + p.tls() + " (expired certificate: " + p.expiredTls()
                                + ", client certificate required: " + p.clientCertTls() + "; certificates in "
                                + certificates + ")")
                        .orElse("")
                + " (started in " + millis + " ms)");
        System.out.flush();
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
        Files.writeString(partial, Integer.toString(broker.port()), StandardCharsets.US_ASCII);
        Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE);
        stopped.await();
    }

    private static void writeTlsFiles(Path dir, TlsMaterial tls, ArtemisBroker.TlsPorts ports) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("ca.pem"),
                TlsMaterial.pem("CERTIFICATE", tls.caCertificateDer()),
                StandardCharsets.US_ASCII);
        Files.writeString(
                dir.resolve("client.pem"),
                TlsMaterial.pem("CERTIFICATE", tls.clientCertificateDer()),
                StandardCharsets.US_ASCII);
        Files.writeString(
                dir.resolve("client-key.pem"),
                TlsMaterial.pem("PRIVATE KEY", tls.clientPrivateKeyPkcs8Der()),
                StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("tls-port"), Integer.toString(ports.tls()), StandardCharsets.US_ASCII);
        Files.writeString(
                dir.resolve("expired-tls-port"), Integer.toString(ports.expiredTls()), StandardCharsets.US_ASCII);
        Files.writeString(
                dir.resolve("client-cert-tls-port"),
                Integer.toString(ports.clientCertTls()),
                StandardCharsets.US_ASCII);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("artemis: could not delete " + dir + ": " + e);
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("artemis: " + problem + "; usage: ArtemisLauncher --port-file FILE --username USER"
                + " --password-env VAR [--port N] [--tls-dir DIR]");
        System.exit(2);
    }
}
