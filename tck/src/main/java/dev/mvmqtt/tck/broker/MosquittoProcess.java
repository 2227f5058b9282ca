package dev.mvmqtt.tck.broker;

import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The native {@code mosquitto} binary, started with a generated config: one process serves the four Mosquitto
 * targets with a plain listener, a TLS listener and an expired-certificate TLS listener on 127.0.0.1, anonymous
 * access and a password file. Its output goes to {@code mosquitto.log} in its temporary folder, which
 * {@link #close()} deletes.
 */
final class MosquittoProcess implements ManagedBroker {
    /** Where the Debian package installs the binary. */
    static final Path DEFAULT_BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final Path dir;
    private final RunningBroker endpoint;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private MosquittoProcess(Process process, Path dir, RunningBroker endpoint, Thread shutdownHook) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
        this.shutdownHook = shutdownHook;
    }

    /** The binary: {@code /usr/sbin/mosquitto}, else {@code mosquitto} on the PATH or in the usual sbin folders. */
    static Optional<Path> findBinary() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(DEFAULT_BINARY);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    candidates.add(Path.of(p, "mosquitto"));
                }
            }
        }
        candidates.add(Path.of("/usr/local/sbin/mosquitto"));
        candidates.add(Path.of("/opt/homebrew/sbin/mosquitto"));
        return candidates.stream()
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    /** The version from the first line of {@code mosquitto -h} ({@code mosquitto version 2.0.11}). */
    static String version(Path binary, Duration timeout) throws BrokerStartException {
        try {
            Process p = new ProcessBuilder(binary.toString(), "-h")
                    .redirectErrorStream(true)
                    .start();
            String first;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                first = r.readLine();
                while (r.readLine() != null) {
                    // drain
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
            if (first == null || !first.startsWith("mosquitto version ")) {
                throw new BrokerStartException(binary + " -h did not print 'mosquitto version ...' but: " + first);
            }
            return first.substring("mosquitto version ".length()).trim();
        } catch (IOException e) {
            throw new BrokerStartException("cannot run " + binary + " -h: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while running " + binary + " -h", e);
        }
    }

    static MosquittoProcess start(TlsMaterial tls, Credentials credentials, Duration timeout)
            throws BrokerStartException {
        return start(tls, credentials, timeout, true);
    }

    /**
     * @param allowAnonymous false for a broker that refuses clients without a user name (the kit's own targets
     *                       accept them; tests use this to stand for an external broker requiring authentication)
     */
    static MosquittoProcess start(TlsMaterial tls, Credentials credentials, Duration timeout, boolean allowAnonymous)
            throws BrokerStartException {
        return start(tls, credentials, timeout, allowAnonymous, null, null);
    }

    /**
     * @param ports       the plain, TLS and expired-TLS ports to listen on, or null for free ones
     * @param persistence a folder (kept by {@link #close()}) where mosquitto saves its sessions on shutdown and
     *                    reloads them at start, or null for none: a restart on the same ports and folder keeps sessions
     */
    static MosquittoProcess start(
            TlsMaterial tls,
            Credentials credentials,
            Duration timeout,
            boolean allowAnonymous,
            int[] ports,
            Path persistence)
            throws BrokerStartException {
        Path binary = findBinary()
                .orElseThrow(() -> new BrokerStartException("mosquitto binary not found (looked for " + DEFAULT_BINARY
                        + " and mosquitto on the PATH); " + "install the Debian package 'mosquitto'"));
        String version = version(binary, timeout);
        BrokerStartException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return startOnce(binary, version, tls, credentials, timeout, allowAnonymous, ports, persistence);
            } catch (PortInUseException e) {
                last = e;
            }
        }
        throw last;
    }

    private static final class PortInUseException extends BrokerStartException {
        PortInUseException(String message) {
            super(message);
        }
    }

    private static MosquittoProcess startOnce(
            Path binary,
            String version,
            TlsMaterial tls,
            Credentials credentials,
            Duration timeout,
            boolean allowAnonymous,
            int[] fixedPorts,
            Path persistence)
            throws BrokerStartException {
        long started = System.nanoTime();
        Path dir = null;
        Process process = null;
        Thread hook = null;
        try {
            dir = LocalFiles.tempDir("mvmqtt-mosquitto-");
            TlsMaterial.PemFiles pem = tls.writeServerPem(dir.resolve("tls"));
            TlsMaterial.PemFiles expiredPem = tls.writeExpiredServerPem(dir.resolve("tls-expired"));
            Path passwordFile = dir.resolve("passwords");
            writePasswordFile(passwordFile, credentials);
            int[] ports = fixedPorts != null ? fixedPorts.clone() : LocalFiles.freePorts(3);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(
                    conf,
                    config(ports, pem, expiredPem, passwordFile, allowAnonymous, persistence),
                    StandardCharsets.UTF_8);
            Path log = dir.resolve("mosquitto.log");

            process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            Process p = process;
            hook = new Thread(
                    () -> {
                        p.destroy();
                        try {
                            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                                p.destroyForcibly();
                            }
                        } catch (InterruptedException e) {
                            p.destroyForcibly();
                        }
                    },
                    "mvmqtt-mosquitto-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);

            CompletableFuture<Void> running = new CompletableFuture<>();
            Deque<String> tail = new ArrayDeque<>();
            Thread pump = new Thread(() -> pump(p, log, running, tail), "mvmqtt-mosquitto-log");
            pump.setDaemon(true);
            pump.start();

            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                String output = tail(tail);
                if (output.contains("Address already in use")) {
                    throw new PortInUseException("mosquitto could not bind its ports: " + output);
                }
                throw new BrokerStartException(
                        "mosquitto " + version + " exited with code " + exitCode(p) + " at start: " + output);
            } catch (TimeoutException e) {
                throw new BrokerStartException("mosquitto " + version + " did not report 'running' within "
                        + timeout.toSeconds() + " s: " + tail(tail));
            }
            for (int port : ports) {
                awaitAccepting(p, port, deadline, tail);
            }
            RunningBroker endpoint = new RunningBroker(
                    BrokerFamily.MOSQUITTO,
                    Provisioning.NATIVE_BINARY,
                    version,
                    LocalFiles.LOOPBACK,
                    ports[0],
                    ports[1],
                    ports[2],
                    tls.caCertificateDer(),
                    tls,
                    credentials,
                    Duration.ofNanos(System.nanoTime() - started));
            return new MosquittoProcess(process, dir, endpoint, hook);
        } catch (BrokerStartException e) {
            stop(process, hook, dir);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process, hook, dir);
            throw new BrokerStartException("interrupted while starting mosquitto", e);
        } catch (IOException | RuntimeException e) {
            stop(process, hook, dir);
            throw new BrokerStartException("mosquitto failed to start: " + e, e);
        }
    }

    /** Polls a connect to {@code port} until it succeeds; between attempts, waits for the process to exit (an event). */
    private static void awaitAccepting(Process p, int port, long deadline, Deque<String> tail)
            throws BrokerStartException, InterruptedException {
        while (!LocalFiles.accepts(LocalFiles.LOOPBACK, port, 1000)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new BrokerStartException("mosquitto does not accept connections on " + LocalFiles.LOOPBACK + ":"
                        + port + ": " + tail(tail));
            }
            if (p.waitFor(Math.min(TimeUnit.NANOSECONDS.toMillis(left), 20), TimeUnit.MILLISECONDS)) {
                throw new BrokerStartException("mosquitto exited with code " + p.exitValue() + ": " + tail(tail));
            }
        }
    }

    private static void pump(Process p, Path log, CompletableFuture<Void> running, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.newLine();
                w.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 20) {
                        tail.removeFirst();
                    }
                }
                if (!running.isDone() && line.contains("mosquitto version") && line.endsWith(" running")) {
                    running.complete(null);
                }
            }
        } catch (IOException ignored) {
            // the process ended or the folder was deleted
        } finally {
            running.completeExceptionally(new IllegalStateException("mosquitto output ended"));
        }
    }

    private static String tail(Deque<String> tail) {
        synchronized (tail) {
            return tail.isEmpty() ? "(no output)" : String.join(" | ", tail);
        }
    }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    static String config(
            int[] ports,
            TlsMaterial.PemFiles pem,
            TlsMaterial.PemFiles expiredPem,
            Path passwordFile,
            boolean allowAnonymous,
            Path persistence) {
        StringBuilder c = new StringBuilder();
        c.append("# generated by the mvmqtt TCK\n");
        c.append("per_listener_settings false\n");
        c.append("allow_anonymous ").append(allowAnonymous).append('\n');
        c.append("password_file ").append(passwordFile).append('\n');
        if (persistence == null) {
            c.append("persistence false\n");
        } else {
            c.append("persistence true\npersistence_location ")
                    .append(persistence.toAbsolutePath())
                    .append("/\n");
        }
        c.append("max_queued_messages 1000\n");
        c.append("set_tcp_nodelay true\n");
        c.append("user ").append(System.getProperty("user.name")).append('\n');
        c.append("log_dest stderr\n");
        c.append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
        c.append("log_timestamp true\n");
        c.append("\nlistener ")
                .append(ports[0])
                .append(' ')
                .append(LocalFiles.LOOPBACK)
                .append('\n');
        tlsListener(c, ports[1], pem);
        tlsListener(c, ports[2], expiredPem);
        return c.toString();
    }

    private static void tlsListener(StringBuilder c, int port, TlsMaterial.PemFiles pem) {
        c.append("\nlistener ")
                .append(port)
                .append(' ')
                .append(LocalFiles.LOOPBACK)
                .append('\n');
        c.append("cafile ").append(pem.caCert()).append('\n');
        c.append("certfile ").append(pem.certificate()).append('\n');
        c.append("keyfile ").append(pem.privateKey()).append('\n');
        c.append("require_certificate false\n");
    }

    /**
     * Writes the password file itself, readable by the owner only: {@code mosquitto_passwd -b} would take the
     * password as an argument, visible to every user of the machine in the process list.
     */
    static void writePasswordFile(Path file, Credentials credentials) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(
                file, passwordLine(credentials.username(), credentials.password()) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * A mosquitto 2 password-file line: {@code user:$7$101$SALT$HASH}, PBKDF2-HMAC-SHA512 with 101 iterations, a
     * 12-byte salt and a 64-byte hash, both Base64.
     */
    static String passwordLine(String username, String password) {
        try {
            byte[] salt = new byte[12];
            new SecureRandom().nextBytes(salt);
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 101, 512);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(spec)
                    .getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return username + ":$7$101$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 unavailable: " + e, e);
        }
    }

    private static void stop(Process process, Thread hook, Path dir) {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        LocalFiles.deleteTree(dir);
    }

    /** The process id, for checks that it is gone after {@link #close()}. */
    long pid() {
        return process.pid();
    }

    @Override
    public RunningBroker endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stop(process, shutdownHook, dir);
        }
    }
}
