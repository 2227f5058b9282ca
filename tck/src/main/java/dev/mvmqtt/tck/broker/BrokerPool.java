package dev.mvmqtt.tck.broker;

import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.observer.ObserverException;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.tls.ClientCertificate;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Starts brokers lazily, once, and stops them all at the end. One broker serves every target of its family
 * (HiveMQ: four targets, Mosquitto: four targets); the first test on a family starts it. A broker that cannot
 * start is remembered: its targets answer {@link TargetStatus#unavailableReason()} for the rest of the run
 * without further attempts.
 *
 * <p>{@link #shared()} is the pool of the current JUnit launcher session: {@link BrokerPoolSessionListener}
 * closes it when the (outermost) session closes, and a JVM shutdown hook closes it otherwise. Thread-safe.
 *
 * <p>Provisioning follows {@link TckSettings#provisioning()}: Testcontainers where a Docker engine answers (or when
 * forced), otherwise HiveMQ CE embedded and the native {@code mosquitto} binary. External targets start nothing:
 * they are available when the configured host accepts a TCP connection on the target's port; they never ask for a
 * Docker engine, nor does {@link #testcontainersDecision} when only external targets are selected.
 */
public final class BrokerPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BrokerPool.class.getName());

    /** Base start timeouts (scaled by the timeout factor). */
    static final Duration EMBEDDED_START = Duration.ofSeconds(90);

    static final Duration NATIVE_START = Duration.ofSeconds(30);
    static final Duration CONTAINER_START = Duration.ofSeconds(180);
    /** How long a registry may take to start answering a pull of an image the engine does not have. */
    static final Duration REGISTRY_ANSWER = Duration.ofSeconds(15);

    static final Duration EXTERNAL_CONNECT = Duration.ofSeconds(5);
    /** Names of CONNACK user properties by which a broker says what it is (e.g. {@code broker-version}). */
    private static final Pattern IDENTITY = Pattern.compile("(?i)name|version|product|vendor|software|broker|server");
    /** ... unless the name says secret: the report is no place for it. */
    private static final Pattern NOT_IDENTITY = Pattern.compile("(?i)pass|secret|token|key|credential");

    private static final Object SHARED_LOCK = new Object();
    private static BrokerPool shared;
    private static boolean hookRegistered;
    private static int openSessions;

    private final TlsMaterial tls;
    private final Credentials credentials;
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final Map<ExternalKey, TargetStatus> external = new ConcurrentHashMap<>();
    private final List<ManagedBroker> started = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    /** A pool with this JVM's TLS material and local credentials. */
    public BrokerPool() {
        this(TlsMaterial.shared(), Credentials.local());
    }

    /** A pool whose brokers use this material and accept these credentials. */
    public BrokerPool(TlsMaterial tls, Credentials credentials) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    // ----- the shared pool

    /**
     * Whether this run's local targets use Testcontainers, and why; when a Docker engine answered, also which image
     * each broker family ran (name and id), or why its image could not run and what happened instead.
     */
    public static String testcontainersDecision(TckSettings settings) {
        ProvisioningMode mode = settings.provisioning();
        if (mode == ProvisioningMode.DOCKER_FREE) {
            return "not used: docker-free provisioning was asked for";
        }
        // An external-only run starts nothing here: asking an engine would only cost time (and, on an engine that
        // cannot pull, minutes of retries) for a line about brokers that never ran.
        if (settings.targets().stream().noneMatch(t -> t.broker() != BrokerFamily.EXTERNAL)) {
            return "not used: no selected target runs a broker on this machine, so no Docker engine was asked";
        }
        if (DockerProbe.dockerAvailable()) {
            StringBuilder s = new StringBuilder();
            boolean anyRan = false;
            boolean anyChecked = false;
            Optional<String> prerequisite = ImageAvailability.knownPrerequisiteProblem();
            if (prerequisite.isPresent()) {
                return "not usable: a Docker engine answered, but " + prerequisite.get()
                        + (mode == ProvisioningMode.AUTO
                                ? ", so the brokers ran docker-free"
                                : ", so the local targets were unavailable");
            }
            for (BrokerFamily family : List.of(BrokerFamily.HIVEMQ, BrokerFamily.MOSQUITTO)) {
                Optional<ImageAvailability.Status> checked =
                        ImageAvailability.checked(settings.images().of(family));
                if (checked.isEmpty()) {
                    continue;
                }
                ImageAvailability.Status image = checked.get();
                anyChecked = true;
                anyRan |= image.available();
                s.append("; ").append(family.id()).append(": ");
                if (image.available()) {
                    s.append("image ").append(image.describe());
                } else {
                    s.append(image.problem())
                            .append(
                                    mode == ProvisioningMode.AUTO
                                            ? ", so its targets ran docker-free"
                                            : ", so its targets were unavailable");
                }
            }
            return (anyRan || !anyChecked
                            ? "used: a Docker engine answered"
                            : "not used: a Docker engine answered, but no image could run")
                    + s;
        }
        return mode == ProvisioningMode.TESTCONTAINERS
                ? "not available: no Docker engine answered (the local targets are unavailable)"
                : "skipped: no Docker engine answered, so the brokers ran docker-free (HiveMQ CE embedded, the mosquitto binary)";
    }

    /**
     * The image {@code family}'s containers ran in this JVM, by name and id ({@code NAME (id sha256:...)}), when
     * Testcontainers ran it; empty otherwise.
     */
    public static Optional<String> containerImage(BrokerFamily family, TckSettings settings) {
        if (family == BrokerFamily.EXTERNAL) {
            return Optional.empty();
        }
        return ImageAvailability.checked(settings.images().of(family))
                .filter(ImageAvailability.Status::available)
                .map(ImageAvailability.Status::describe);
    }

    /** The pool of this JVM's current run; a new one after the previous was closed. */
    public static BrokerPool shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || shared.closed) {
                shared = new BrokerPool();
                if (!hookRegistered) {
                    hookRegistered = true;
                    Runtime.getRuntime()
                            .addShutdownHook(
                                    new Thread(() -> closeShared("JVM shutdown"), "mvmqtt-broker-pool-shutdown"));
                }
            }
            return shared;
        }
    }

    /** Closes the shared pool, if any: every broker it started stops. */
    public static void closeShared() {
        closeShared("closeShared()");
    }

    private static void closeShared(String why) {
        BrokerPool pool;
        synchronized (SHARED_LOCK) {
            pool = shared;
            shared = null;
        }
        if (pool != null) {
            int n = pool.started.size();
            pool.close();
            if (n > 0) {
                LOG.log(System.Logger.Level.INFO, "mvmqtt: stopped " + n + " broker(s) (" + why + ")");
            }
        }
    }

    static void sessionOpened() {
        synchronized (SHARED_LOCK) {
            openSessions++;
        }
    }

    static void sessionClosed() {
        boolean last;
        synchronized (SHARED_LOCK) {
            openSessions = Math.max(0, openSessions - 1);
            last = openSessions == 0;
        }
        if (last) {
            closeShared("launcher session closed");
        }
    }

    // ----- targets

    /**
     * The status of {@code target} under {@code settings}: starts its broker on first use.
     *
     * @throws IllegalStateException when the pool is closed
     */
    public TargetStatus status(TargetId target, TckSettings settings) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        checkOpen();
        if (target.broker() == BrokerFamily.EXTERNAL) {
            ExternalBroker ext = settings.external();
            return external.computeIfAbsent(new ExternalKey(target, ext), k -> externalStatus(target, ext, settings));
        }
        Provisioning provisioning;
        String image = null;
        String fallback = null;
        if (settings.provisioning() == ProvisioningMode.DOCKER_FREE) {
            provisioning = dockerFree(target.broker());
        } else if (DockerProbe.dockerAvailable()) {
            // Decided per family within seconds: an image the engine neither has nor can pull makes auto fall
            // back to docker-free for that family, and fails its targets in testcontainers mode.
            Duration answer = settings.timeout(REGISTRY_ANSWER);
            Duration pull = settings.timeout(CONTAINER_START);
            ImageAvailability.Status status =
                    ImageAvailability.check(settings.images().of(target.broker()), answer, pull);
            String problem = ImageAvailability.prerequisiteProblem(answer, pull)
                    .orElse(status.available() ? null : status.problem());
            if (problem == null) {
                provisioning = Provisioning.TESTCONTAINERS;
                image = status.image();
            } else if (settings.provisioning() == ProvisioningMode.TESTCONTAINERS) {
                return TargetStatus.unavailable(target, Provisioning.TESTCONTAINERS, problem);
            } else {
                fallback = problem;
                provisioning = dockerFree(target.broker());
            }
        } else if (settings.provisioning() == ProvisioningMode.TESTCONTAINERS) {
            return TargetStatus.unavailable(target, Provisioning.TESTCONTAINERS, "no Docker engine answered");
        } else {
            provisioning = dockerFree(target.broker());
        }
        String why = fallback;
        Slot slot = slots.computeIfAbsent(new Key(target.broker(), provisioning, image), k -> {
            if (why != null) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "mvmqtt: " + why + "; " + k.family().id() + " runs docker-free");
            }
            return new Slot(k);
        });
        return slot.status(target, settings);
    }

    private static Provisioning dockerFree(BrokerFamily family) {
        return family == BrokerFamily.HIVEMQ ? Provisioning.EMBEDDED : Provisioning.NATIVE_BINARY;
    }

    /** The brokers started so far, by family and provisioning. */
    public Map<String, RunningBroker> runningBrokers() {
        Map<String, RunningBroker> out = new LinkedHashMap<>();
        synchronized (started) {
            for (ManagedBroker b : started) {
                RunningBroker e = b.endpoint();
                out.put(e.family().id() + "/" + e.provisioning().id(), e);
            }
        }
        return out;
    }

    /** True once {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    /** Stops every broker this pool started (in reverse start order); idempotent. */
    @Override
    public void close() {
        List<ManagedBroker> toStop;
        synchronized (started) {
            closed = true;
            toStop = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(toStop);
        for (ManagedBroker b : toStop) {
            try {
                b.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not stop " + b.endpoint() + ": " + e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("BrokerPool is closed");
        }
    }

    private ManagedBroker start(Key key, TckSettings settings) throws BrokerStartException {
        return switch (key.provisioning()) {
            case EMBEDDED -> EmbeddedHiveMq.start(tls, credentials, settings.timeout(EMBEDDED_START));
            case NATIVE_BINARY -> MosquittoProcess.start(tls, credentials, settings.timeout(NATIVE_START));
            case TESTCONTAINERS ->
                key.family() == BrokerFamily.HIVEMQ
                        ? ContainerBrokers.hivemq(tls, credentials, key.image(), settings.timeout(CONTAINER_START))
                        : ContainerBrokers.mosquitto(tls, credentials, key.image(), settings.timeout(CONTAINER_START));
            case EXTERNAL -> throw new IllegalArgumentException("external brokers are not started");
        };
    }

    private TargetStatus externalStatus(TargetId target, ExternalBroker ext, TckSettings settings) {
        if (!ext.isConfigured()) {
            return TargetStatus.unavailable(
                    target, Provisioning.EXTERNAL, "no external broker configured: set " + TckSettings.EXTERNAL_HOST);
        }
        if (!ext.versions().contains(target.version())) {
            return TargetStatus.unavailable(
                    target,
                    Provisioning.EXTERNAL,
                    TckSettings.EXTERNAL_VERSIONS + " does not include MQTT "
                            + target.version().label());
        }
        byte[] ca = null;
        if (ext.caCert().isPresent()) {
            try {
                ca = TlsMaterial.readCertificateDer(ext.caCert().get());
            } catch (IllegalArgumentException e) {
                return TargetStatus.unavailable(target, Provisioning.EXTERNAL, e.getMessage());
            }
        } else if (target.isTls()) {
            return TargetStatus.unavailable(
                    target,
                    Provisioning.EXTERNAL,
                    "TLS needs the broker's CA certificate: set " + TckSettings.EXTERNAL_CA_CERT);
        }
        ClientCertificate clientCertificate = null;
        if (target.isTls() && ext.clientCert().isPresent()) {
            try {
                clientCertificate = ClientCertificate.read(
                        ext.clientCert().get(), ext.clientKey().orElseThrow());
            } catch (IllegalArgumentException e) {
                return TargetStatus.unavailable(target, Provisioning.EXTERNAL, e.getMessage());
            }
        }
        String host = ext.host().orElseThrow();
        int port = target.isTls() ? ext.tlsPort() : ext.port();
        if (!LocalFiles.accepts(host, port, (int)
                Math.min(Integer.MAX_VALUE, settings.timeout(EXTERNAL_CONNECT).toMillis()))) {
            return TargetStatus.unavailable(
                    target,
                    Provisioning.EXTERNAL,
                    "external broker " + host + ":" + port + " did not accept a TCP connection");
        }
        Credentials creds = ext.username().isPresent() && ext.password().isPresent()
                ? new Credentials(ext.username().get(), ext.password().get())
                : null;
        // The kit's observer is the broker-side truth of every test: a broker that refuses it makes the target
        // unusable, which is the kit's problem to report, not a failure of the implementation under test.
        Duration timeout = settings.timeout(EXTERNAL_CONNECT);
        List<Map.Entry<String, String>> told = new ArrayList<>();
        String refusal = observerRefusal(target, host, port, ca, creds, timeout, told);
        if (refusal != null) {
            return TargetStatus.unavailable(
                    target,
                    Provisioning.EXTERNAL,
                    refusal
                            + (creds == null
                                    ? " anonymously; give a username and password it accepts with "
                                            + TckSettings.EXTERNAL_CREDENTIALS_HINT
                                    : " with the configured user name " + creds.username()));
        }
        boolean anonymous =
                creds == null || observerRefusal(target, host, port, ca, null, timeout, new ArrayList<>()) == null;
        return TargetStatus.available(
                target,
                new RunningBroker(
                        BrokerFamily.EXTERNAL,
                        Provisioning.EXTERNAL,
                        externalVersion(host, port, target.version(), told, ext.name()),
                        host,
                        ext.port(),
                        ext.tlsPort(),
                        ext.expiredTlsPort().orElse(-1),
                        ca,
                        tls,
                        creds,
                        Duration.ZERO,
                        anonymous,
                        clientCertificate,
                        ext.clientCertTlsPort().orElse(-1)));
    }

    /**
     * What the kit knows of an external broker, in place of a version: where it was reached and over which MQTT
     * version, and its name or version only as far as the broker said them itself, in the user properties of its
     * MQTT 5 CONNACK whose names say so ({@link #IDENTITY}); nothing is inferred from how it behaves.
     */
    static String externalVersion(
            String host, int port, MqttVersion version, List<Map.Entry<String, String>> connAckUserProperties) {
        return externalVersion(host, port, version, connAckUserProperties, Optional.empty());
    }

    /**
     * As {@link #externalVersion(String, int, MqttVersion, List)}, with the name the operator gave
     * ({@link TckSettings#EXTERNAL_BROKER_NAME}) where the broker's CONNACK does not say its own.
     */
    static String externalVersion(
            String host,
            int port,
            MqttVersion version,
            List<Map.Entry<String, String>> connAckUserProperties,
            Optional<String> givenName) {
        List<String> said = connAckUserProperties.stream()
                .filter(p -> IDENTITY.matcher(p.getKey()).find()
                        && !NOT_IDENTITY.matcher(p.getKey()).find())
                .map(p -> p.getKey() + "=" + shortened(p.getValue()))
                .toList();
        String where = "at " + host + ":" + port + " over MQTT " + version.label();
        if (!said.isEmpty()) {
            return where + " (its CONNACK says " + String.join(", ", said) + ")";
        }
        if (givenName.isPresent()) {
            return shortened(givenName.get()) + " " + where + " (name as given to the kit; the broker did not say it)";
        }
        return where
                + (version == MqttVersion.V5
                        ? " (the broker did not say its name or version)"
                        : " (an MQTT 3.1.1 broker does not say its name or version)");
    }

    private static String shortened(String value) {
        String oneLine = value.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
    }

    /** Null when an observer connects to the broker with these credentials (or anonymously); else why not. */
    private static String observerRefusal(
            TargetId target,
            String host,
            int port,
            byte[] ca,
            Credentials creds,
            Duration timeout,
            List<Map.Entry<String, String>> told) {
        Observer.Builder b = Observer.builder(host, port, target.version()).timeout(timeout);
        if (target.isTls()) {
            b.tls(ca);
        }
        if (creds != null) {
            b.credentials(creds.username(), creds.password());
        }
        try (Observer o = b.connect()) {
            told.addAll(o.connAckUserProperties());
            return null;
        } catch (ObserverException e) {
            return e.reasonCode().isPresent()
                    ? "the broker refused the kit's observer (CONNACK code "
                            + e.reasonCode().getAsInt() + ")"
                    : "the kit's observer could not connect (" + e.getMessage() + ")";
        }
    }

    /** One broker: its family, how it is provisioned and, for a container, its image. */
    private record Key(BrokerFamily family, Provisioning provisioning, String image) {}

    private record ExternalKey(TargetId target, ExternalBroker settings) {}

    /** One broker: started once; its failure remembered. */
    private final class Slot {
        private final Key key;
        private ManagedBroker broker;
        private String failure;

        Slot(Key key) {
            this.key = key;
        }

        synchronized TargetStatus status(TargetId target, TckSettings settings) {
            if (broker == null && failure == null) {
                checkOpen();
                try {
                    ManagedBroker b = start(key, settings);
                    synchronized (started) {
                        if (closed) {
                            b.close();
                            throw new IllegalStateException("BrokerPool is closed");
                        }
                        started.add(b);
                    }
                    broker = b;
                    LOG.log(
                            System.Logger.Level.INFO,
                            "mvmqtt: started " + b.endpoint() + " in "
                                    + b.endpoint().startupTime().toMillis() + " ms");
                } catch (BrokerStartException e) {
                    failure = e.getMessage();
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "mvmqtt: " + key.family().id() + " ("
                                    + key.provisioning().id() + ") unavailable: " + failure);
                }
            }
            if (broker != null) {
                return TargetStatus.available(target, broker.endpoint());
            }
            return TargetStatus.unavailable(target, key.provisioning(), failure);
        }
    }
}
