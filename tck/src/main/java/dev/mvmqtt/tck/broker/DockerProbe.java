package dev.mvmqtt.tck.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a Docker engine answers, asked once per JVM through Testcontainers: whether one of its strategies finds
 * an engine that answers ({@code DockerClientFactory.instance().getTransportConfig()}). Not
 * {@code isDockerAvailable()}: that also runs Testcontainers' start-up check, which pulls an image and, on an
 * engine that cannot pull, retries for two minutes ({@link ImageAvailability} decides about images, in seconds). On Linux and macOS, when there is no sign of a
 * Docker engine at all (no {@code DOCKER_HOST}, no Testcontainers override or {@code ~/.testcontainers.properties},
 * none of the usual sockets), Testcontainers is not asked: that keeps its error log out of docker-free runs.
 */
final class DockerProbe {
    private static volatile Boolean available;

    private DockerProbe() {}

    static boolean dockerAvailable() {
        Boolean a = available;
        if (a == null) {
            synchronized (DockerProbe.class) {
                a = available;
                if (a == null) {
                    a = anySign() && probe();
                    available = a;
                }
            }
        }
        return a;
    }

    /** True when something suggests a Docker engine (or the platform is one where we cannot tell). */
    static boolean anySign() {
        for (String env :
                List.of("DOCKER_HOST", "TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE", "TESTCONTAINERS_HOST_OVERRIDE")) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                return true;
            }
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!(os.contains("linux") || os.contains("mac"))) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home", "/"));
        List<Path> candidates = new ArrayList<>(List.of(
                home.resolve(".testcontainers.properties"),
                Path.of("/var/run/docker.sock"),
                Path.of("/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".colima/docker.sock"),
                home.resolve(".rd/docker.sock"),
                home.resolve(".orbstack/run/docker.sock")));
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            candidates.add(Path.of(runtime, "docker.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }

    private static boolean probe() {
        LocalFiles.quietLoggers("org.testcontainers", "tc", "com.github.dockerjava");
        try {
            return org.testcontainers.DockerClientFactory.instance().getTransportConfig() != null;
        } catch (Throwable t) {
            // no Testcontainers, or its detection failed: no Docker as far as the TCK is concerned
            return false;
        }
    }
}
