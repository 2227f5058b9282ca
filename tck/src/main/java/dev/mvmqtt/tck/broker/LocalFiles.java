package dev.mvmqtt.tck.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Ports, temporary folders and logging for the local provisioners. */
final class LocalFiles {
    static final String LOOPBACK = "127.0.0.1";

    private LocalFiles() {}

    /** {@code n} distinct free ports on 127.0.0.1 (all held open while choosing). */
    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK));
                s.setReuseAddress(true);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** True when something accepts a TCP connection on host:port within {@code timeoutMillis}. */
    static boolean accepts(String host, int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    /** Deletes {@code dir} and everything in it; never throws. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    /**
     * Sets the level of these loggers to WARN when logback is the SLF4J backend and the logger has no level of
     * its own (a level configured by the user wins). Reflection keeps logback off the compile class path.
     */
    static void quietLoggers(String... names) {
        try {
            Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
            if (!factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
                return;
            }
            Class<?> levelClass = Class.forName(
                    "ch.qos.logback.classic.Level", true, factory.getClass().getClassLoader());
            Object warn = levelClass.getField("WARN").get(null);
            for (String name : names) {
                Object logger =
                        factory.getClass().getMethod("getLogger", String.class).invoke(factory, name);
                if (logger.getClass().getMethod("getLevel").invoke(logger) == null) {
                    logger.getClass().getMethod("setLevel", levelClass).invoke(logger, warn);
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException ignored) {
            // another SLF4J backend: leave its configuration alone
        }
    }
}
