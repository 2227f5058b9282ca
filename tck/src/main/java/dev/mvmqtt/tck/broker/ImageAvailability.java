package dev.mvmqtt.tck.broker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Whether the Docker engine can run an image, decided before any container is made, and within seconds when it
 * cannot: an image present on the engine is used as it is; an absent one is pulled only when the registry answers
 * within a short bound. Without this, Testcontainers keeps retrying a pull that cannot succeed (an air-gapped
 * engine, a registry mirror down) for minutes. Asked once per image per JVM, like {@link DockerProbe}.
 *
 * <p>Testcontainers itself needs two images besides the brokers' unless told otherwise: its start-up check runs
 * a tiny image ({@code alpine}; off with {@code TESTCONTAINERS_CHECKS_DISABLE=true}) and its resource reaper runs
 * Ryuk (off with {@code TESTCONTAINERS_RYUK_DISABLED=true}; the kit stops its containers itself).
 * {@link #prerequisiteProblem} checks those the same way, before Testcontainers would try them. The engine is
 * asked through a client of its own, which does not run Testcontainers' start-up check.
 */
final class ImageAvailability {
    /**
     * The image Testcontainers' start-up check runs ({@code DockerClientFactory.TINY_IMAGE}, private in
     * Testcontainers 2.0.5; {@code tinyimage.container.image} is not what that check uses).
     */
    static final String CHECK_IMAGE = "alpine:3.17";

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("Status \\d+: \\{\"message\":\"(.*)\"}\\s*$");
    private static final Map<String, Status> CHECKED = new ConcurrentHashMap<>();
    private static volatile DockerClient client;
    private static volatile Optional<String> prerequisite;

    private ImageAvailability() {}

    /**
     * What was found about one image.
     *
     * @param image   the image name as configured
     * @param id      the engine's image id ({@code sha256:...}), when it can run
     * @param digests the registry digests the engine knows for it ({@code repo@sha256:...}); empty for an image
     *                built on this machine
     * @param problem why it cannot run, or null when it can
     */
    record Status(String image, String id, List<String> digests, String problem) {
        boolean available() {
            return problem == null;
        }

        /** {@code NAME (id sha256:..., digest repo@sha256:...)}, or the problem. */
        String describe() {
            if (!available()) {
                return problem;
            }
            return image + " (id " + id + (digests.isEmpty() ? "" : ", digest " + String.join(", ", digests)) + ")";
        }
    }

    /**
     * The image's status, checked on first use: present on the engine, or pulled. The pull is given up when the
     * registry has not started to answer within {@code registryAnswer}, or has not finished within {@code pull}.
     */
    static Status check(String image, Duration registryAnswer, Duration pull) {
        Status known = CHECKED.get(image);
        if (known != null) {
            return known;
        }
        synchronized (ImageAvailability.class) {
            return CHECKED.computeIfAbsent(image, i -> probe(i, registryAnswer, pull));
        }
    }

    /**
     * Why Testcontainers cannot start any container on this engine, or empty: an image it needs for itself
     * (its start-up check's, Ryuk's) is neither present nor pullable.
     */
    static Optional<String> prerequisiteProblem(Duration registryAnswer, Duration pull) {
        Optional<String> known = prerequisite;
        if (known == null) {
            known = findPrerequisiteProblem(registryAnswer, pull);
            prerequisite = known;
        }
        return known;
    }

    /** What {@link #prerequisiteProblem} found in this JVM, when it was asked. */
    static Optional<String> knownPrerequisiteProblem() {
        Optional<String> known = prerequisite;
        return known == null ? Optional.empty() : known;
    }

    private static Optional<String> findPrerequisiteProblem(Duration registryAnswer, Duration pull) {
        TestcontainersConfiguration config;
        try {
            config = TestcontainersConfiguration.getInstance();
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
        if (hostAddressNeedsContainer()) {
            Status tiny = check(CHECK_IMAGE, registryAnswer, pull);
            if (!tiny.available()) {
                return Optional.of(
                        "Testcontainers runs inside a container here and finds the Docker host's address"
                                + " with image " + CHECK_IMAGE + ", but " + tiny.problem()
                                + " (set TESTCONTAINERS_HOST_OVERRIDE"
                                + " to the address where the engine's published ports answer: localhost when it runs on this machine)");
            }
        }
        if (!config.isDisableChecks()) {
            Status tiny = check(CHECK_IMAGE, registryAnswer, pull);
            if (!tiny.available()) {
                return Optional.of("Testcontainers' start-up check needs image " + CHECK_IMAGE + ", but "
                        + tiny.problem() + " (set TESTCONTAINERS_CHECKS_DISABLE=true to skip that check)");
            }
        }
        if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            Status ryuk = check(config.getRyukImage(), registryAnswer, pull);
            if (!ryuk.available()) {
                return Optional.of("Testcontainers' resource reaper (Ryuk) needs image " + ryuk.image() + ", but "
                        + ryuk.problem()
                        + " (set TESTCONTAINERS_RYUK_DISABLED=true: the kit removes its containers itself)");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether Testcontainers will run a container of {@link #CHECK_IMAGE} to find the Docker host's address: it does
     * when it runs inside a container ({@code /.dockerenv}), reaches the engine over a Unix socket, and
     * {@code TESTCONTAINERS_HOST_OVERRIDE} is not set.
     */
    private static boolean hostAddressNeedsContainer() {
        String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
        if ((override != null && !override.isBlank()) || !Files.exists(Path.of("/.dockerenv"))) {
            return false;
        }
        try {
            return "unix"
                    .equals(DockerClientFactory.instance()
                            .getTransportConfig()
                            .getDockerHost()
                            .getScheme());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The status of an image checked earlier in this JVM. */
    static Optional<Status> checked(String image) {
        return Optional.ofNullable(CHECKED.get(image));
    }

    private static Status probe(String image, Duration registryAnswer, Duration pull) {
        DockerClient client;
        DockerImageName name;
        try {
            name = DockerImageName.parse(image);
            client = client();
        } catch (RuntimeException e) {
            return new Status(image, null, List.of(), "image " + image + " cannot be used: " + firstLine(e));
        }
        Optional<Status> present = inspect(client, image);
        if (present.isPresent()) {
            return present.get();
        }
        String absent = "image " + image + " is not present on the Docker engine";
        Progress progress = new Progress();
        try {
            client.pullImageCmd(name.getUnversionedPart())
                    .withTag(name.getVersionPart())
                    .exec(progress);
            if (!progress.answered.await(registryAnswer.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Status(
                        image,
                        null,
                        List.of(),
                        absent + " and no registry answered a pull within " + seconds(registryAnswer));
            }
            if (!progress.done.await(pull.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Status(
                        image, null, List.of(), absent + " and pulling it did not finish within " + seconds(pull));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(image, null, List.of(), absent + " (interrupted while pulling it)");
        } catch (RuntimeException e) {
            return new Status(image, null, List.of(), absent + " and could not be pulled: " + firstLine(e));
        } finally {
            try {
                progress.close();
            } catch (IOException ignored) {
                // the pull is abandoned either way
            }
        }
        return inspect(client, image)
                .orElseGet(() -> new Status(
                        image,
                        null,
                        List.of(),
                        absent + " and could not be pulled: "
                                + (progress.error != null ? progress.error : "the pull ended without it")));
    }

    /** A client of the engine Testcontainers found, without Testcontainers' start-up check. */
    private static DockerClient client() {
        DockerClient c = client;
        if (c == null) {
            synchronized (ImageAvailability.class) {
                c = client;
                if (c == null) {
                    c = DockerClientProviderStrategy.getClientForConfig(
                            DockerClientFactory.instance().getTransportConfig());
                    client = c;
                }
            }
        }
        return c;
    }

    private static Optional<Status> inspect(DockerClient client, String image) {
        try {
            InspectImageResponse r = client.inspectImageCmd(image).exec();
            List<String> digests = r.getRepoDigests() == null ? List.of() : List.copyOf(r.getRepoDigests());
            return Optional.of(new Status(image, r.getId(), digests, null));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static String seconds(Duration d) {
        return Math.max(1, Math.round(d.toMillis() / 1000.0)) + " s";
    }

    /** The first line of the error, and of an engine's JSON answer only its message. */
    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage().strip();
        int nl = m.indexOf('\n');
        return engineMessage(nl < 0 ? m : m.substring(0, nl));
    }

    /** From {@code Status 500: {"message":"..."}} only the message, unescaped; any other text as it is. */
    static String engineMessage(String text) {
        Matcher engine = ENGINE_MESSAGE.matcher(text);
        return engine.find() ? engine.group(1).replace("\\\"", "\"") : text;
    }

    /** Follows a pull: whether the registry answered at all, and how it ended. */
    private static final class Progress extends ResultCallback.Adapter<PullResponseItem> {
        final CountDownLatch answered = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        volatile String error;

        @Override
        public void onNext(PullResponseItem item) {
            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                error = item.getErrorDetail().getMessage();
            } else if (item.getError() != null) {
                error = item.getError();
            }
            // Any status line ("Pulling from ...", "Pulling fs layer", "Downloading") means a registry answered.
            answered.countDown();
        }

        @Override
        public void onError(Throwable throwable) {
            // Not passed on: the callback's own handling logs the stack trace, and the error is in the reason.
            error = firstLine(throwable);
            answered.countDown();
            done.countDown();
        }

        @Override
        public void onComplete() {
            answered.countDown();
            done.countDown();
            super.onComplete();
        }
    }
}
