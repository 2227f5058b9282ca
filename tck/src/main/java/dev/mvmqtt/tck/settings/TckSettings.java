package dev.mvmqtt.tck.settings;

import static org.apiguardian.api.API.Status.STABLE;

import dev.mvmqtt.spec.api.MicrovisorProvider;
import dev.mvmqtt.spec.api.Microvisors;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.target.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The settings of a TCK run. Immutable. {@link #current()} answers the settings a runner installed
 * ({@link #install}, {@link #runWith}) or, when none is installed, the system properties:
 *
 * <table>
 * <caption>Properties</caption>
 * <tr><th>Property</th><th>Meaning</th><th>Default</th></tr>
 * <tr><td>{@value #IMPLEMENTATION}</td><td>provider name or class name (see {@link Microvisors})</td><td>the only provider present</td></tr>
 * <tr><td>{@value #TARGETS}</td><td>comma list of target ids, or {@code all} (the matrix plus the configured external targets)</td><td>the 8 matrix targets</td></tr>
 * <tr><td>{@value #PROVISIONING}</td><td>{@code auto}, {@code testcontainers}, {@code docker-free}</td><td>{@code auto}</td></tr>
 * <tr><td>{@value #IMAGE_HIVEMQ} / {@value #IMAGE_MOSQUITTO}</td><td>the images Testcontainers runs</td><td>{@value ContainerImages#HIVEMQ_CE} / {@value ContainerImages#MOSQUITTO}</td></tr>
 * <tr><td>{@value #PROFILE}</td><td>{@code strict} (must and reference rules) or {@code must}</td><td>{@code strict}</td></tr>
 * <tr><td>{@value #TIMEOUT_FACTOR}</td><td>every timeout is multiplied by it</td><td>1.0</td></tr>
 * <tr><td>{@value #PARALLELISM}</td><td>how many targets run at once</td><td>every selected target, at most {@value #DEFAULT_PARALLELISM}</td></tr>
 * <tr><td>{@value #EXTERNAL_HOST}</td><td>host of the external broker</td><td>none</td></tr>
 * <tr><td>{@value #EXTERNAL_PORT} / {@value #EXTERNAL_TLS_PORT}</td><td>its plain and TLS ports</td><td>1883 / 8883</td></tr>
 * <tr><td>{@value #EXTERNAL_VERSIONS} (or {@value #EXTERNAL_VERSION})</td><td>comma list of {@code 3.1.1}, {@code 5}</td><td>both</td></tr>
 * <tr><td>{@value #EXTERNAL_CA_CERT}</td><td>path to the CA certificate (DER or PEM) of its TLS listener</td><td>none (no external TLS targets)</td></tr>
 * <tr><td>{@value #EXTERNAL_EXPIRED_TLS_PORT}</td><td>its TLS port serving an expired certificate from the same CA</td><td>none (TLS-EXPIRED-1 not checked there)</td></tr>
 * <tr><td>{@value #EXTERNAL_CLIENT_CERT} / {@value #EXTERNAL_CLIENT_KEY}</td><td>a client certificate (chain, DER or PEM) it accepts and its unencrypted PKCS#8 key (DER or PEM)</td><td>none (TLS-MUTUAL-1 not checked there)</td></tr>
 * <tr><td>{@value #EXTERNAL_CLIENT_CERT_TLS_PORT}</td><td>its TLS port that requires client certificates</td><td>none (the device presents its certificate on the TLS port)</td></tr>
 * <tr><td>{@value #EXTERNAL_USERNAME} / {@value #EXTERNAL_PASSWORD}</td><td>credentials it accepts, for the authentication tests</td><td>none</td></tr>
 * <tr><td>{@value #EXTERNAL_BROKER_NAME}</td><td>its name and version for the report, where its MQTT 5 CONNACK does not say them</td><td>none</td></tr>
 * </table>
 *
 * <p>Bad values fail fast with an {@link IllegalArgumentException} that names the property.
 */
@API(status = STABLE, since = "0.1")
public final class TckSettings {
    /** Selects the implementation under test. Same as {@link Microvisors#PROPERTY}. */
    public static final String IMPLEMENTATION = Microvisors.PROPERTY;
    /** Comma list of target ids, or {@code all}. */
    public static final String TARGETS = "mvmqtt.targets";
    /** {@code auto}, {@code testcontainers} or {@code docker-free}. */
    public static final String PROVISIONING = "mvmqtt.provisioning";
    /** The HiveMQ CE image the Testcontainers provisioning runs. */
    public static final String IMAGE_HIVEMQ = "mvmqtt.image.hivemq";
    /** The Mosquitto image the Testcontainers provisioning runs. */
    public static final String IMAGE_MOSQUITTO = "mvmqtt.image.mosquitto";
    /** {@code strict} or {@code must}. */
    public static final String PROFILE = "mvmqtt.profile";
    /** Positive number; every timeout is scaled by it. */
    public static final String TIMEOUT_FACTOR = "mvmqtt.timeoutFactor";
    /**
     * The smallest timeout factor: below it the TCK's own waits are shorter than any broker round trip. The largest
     * is {@value #MAX_TIMEOUT_FACTOR}: beyond it a failing wait lasts hours (and 1e300 made every wait endless).
     */
    public static final double MIN_TIMEOUT_FACTOR = 0.1;
    /** The largest timeout factor; see {@link #MIN_TIMEOUT_FACTOR}. */
    public static final double MAX_TIMEOUT_FACTOR = 100;
    /** External broker host. */
    public static final String EXTERNAL_HOST = "mvmqtt.external.host";
    /** External broker plain port. */
    public static final String EXTERNAL_PORT = "mvmqtt.external.port";
    /** External broker TLS port. */
    public static final String EXTERNAL_TLS_PORT = "mvmqtt.external.tlsPort";
    /** Comma list of MQTT versions the external broker is tested on. */
    public static final String EXTERNAL_VERSIONS = "mvmqtt.external.versions";
    /** Alias of {@link #EXTERNAL_VERSIONS}. */
    public static final String EXTERNAL_VERSION = "mvmqtt.external.version";
    /** Path to the CA certificate (DER or PEM) of the external broker's TLS listener. */
    public static final String EXTERNAL_CA_CERT = "mvmqtt.external.caCert";
    /** External broker TLS port serving an expired certificate issued by the CA of {@link #EXTERNAL_CA_CERT}. */
    public static final String EXTERNAL_EXPIRED_TLS_PORT = "mvmqtt.external.expiredTlsPort";
    /** A client certificate (chain, DER or PEM) the external broker accepts, for the mutual TLS test. */
    public static final String EXTERNAL_CLIENT_CERT = "mvmqtt.external.clientCert";
    /** The unencrypted PKCS#8 key (DER or PEM) of {@link #EXTERNAL_CLIENT_CERT}. */
    public static final String EXTERNAL_CLIENT_KEY = "mvmqtt.external.clientKey";
    /** External broker TLS port that requires client certificates (optional: else {@link #EXTERNAL_TLS_PORT}). */
    public static final String EXTERNAL_CLIENT_CERT_TLS_PORT = "mvmqtt.external.clientCertTlsPort";
    /** How a user gives the external broker's expired-certificate listener: certify's option, then the property. */
    public static final String EXTERNAL_EXPIRED_TLS_PORT_HINT =
            "certify's --external-expired-tls-port PORT (with Maven: -D" + EXTERNAL_EXPIRED_TLS_PORT + ")";
    /** How a user gives a client certificate the external broker accepts: certify's options, then the properties. */
    public static final String EXTERNAL_CLIENT_CERT_HINT = "certify's --external-client-cert FILE and"
            + " --external-client-key FILE, optionally --external-client-cert-tls-port PORT (with Maven: -D"
            + EXTERNAL_CLIENT_CERT + ", -D" + EXTERNAL_CLIENT_KEY + " and -D" + EXTERNAL_CLIENT_CERT_TLS_PORT + ")";
    /** Username the external broker accepts. */
    public static final String EXTERNAL_USERNAME = "mvmqtt.external.username";
    /** Password of that user. */
    public static final String EXTERNAL_PASSWORD = "mvmqtt.external.password";
    /** The external broker's name (and version) for the report, where its MQTT 5 CONNACK does not say it. */
    public static final String EXTERNAL_BROKER_NAME = "mvmqtt.external.brokerName";
    /**
     * How a user gives the external broker's username and password: certify's options first, the system properties
     * for Maven users second. Worded without a {@code name: value} or {@code name=value} pair, so that the
     * {@code Redactor} leaves a message that quotes it whole.
     */
    public static final String EXTERNAL_CREDENTIALS_HINT = "certify's --external-username USER and"
            + " --external-password-env VAR (with Maven: -D" + EXTERNAL_USERNAME + " and -D" + EXTERNAL_PASSWORD + ")";
    /** How many targets run at once; absent: {@link #DEFAULT_PARALLELISM} or fewer (see {@link #parallelism()}). */
    public static final String PARALLELISM = "mvmqtt.parallelism";
    /**
     * The most targets that run at once by default. A target's tests mostly wait (for brokers, notifications and
     * quiet windows), so eight targets at once fit two cores; more would only queue for CPU.
     */
    public static final int DEFAULT_PARALLELISM = 8;

    private static volatile TckSettings installed;
    /** Settings of a {@link #runWith} in progress, seen by the thread that runs it and the threads it starts. */
    private static final InheritableThreadLocal<TckSettings> SCOPED = new InheritableThreadLocal<>();

    private final String implementation;
    private final List<TargetId> targets;
    private final ProvisioningMode provisioning;
    private final ContainerImages images;
    private final Profile profile;
    private final double timeoutFactor;
    private final ExternalBroker external;
    private final int parallelism;

    private TckSettings(Builder b) {
        this.implementation = b.implementation == null || b.implementation.isBlank() ? null : b.implementation.trim();
        this.external = Objects.requireNonNull(b.external, "external");
        this.targets = b.targets == null ? TargetId.MATRIX : List.copyOf(new LinkedHashSet<>(b.targets));
        if (this.targets.isEmpty()) {
            throw new IllegalArgumentException(TARGETS + " selects no target");
        }
        this.provisioning = Objects.requireNonNull(b.provisioning, "provisioning");
        this.images = Objects.requireNonNull(b.images, "images");
        this.profile = Objects.requireNonNull(b.profile, "profile");
        if (!validTimeoutFactor(b.timeoutFactor)) {
            throw new IllegalArgumentException("Bad value '" + b.timeoutFactor + "' for " + TIMEOUT_FACTOR
                    + ": expected a number between " + MIN_TIMEOUT_FACTOR + " and " + (int) MAX_TIMEOUT_FACTOR);
        }
        this.timeoutFactor = b.timeoutFactor;
        if (b.parallelism < 0) {
            throw new IllegalArgumentException(
                    "Bad value '" + b.parallelism + "' for " + PARALLELISM + ": expected a positive whole number");
        }
        this.parallelism = b.parallelism;
    }

    // ----- obtaining settings

    /**
     * The settings of the {@link #runWith} this thread (or the thread that started it) is in, else the installed
     * settings, else the settings the system properties give.
     */
    public static TckSettings current() {
        TckSettings s = SCOPED.get();
        if (s == null) {
            s = installed;
        }
        return s != null ? s : fromSystemProperties();
    }

    /** The settings the system properties give, ignoring any installed settings. */
    public static TckSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    /** The settings these properties give; absent properties take their defaults. */
    public static TckSettings from(Properties properties) {
        return from(properties::getProperty);
    }

    /** The settings these properties give; absent properties take their defaults. */
    public static TckSettings from(Map<String, String> properties) {
        return from(properties::get);
    }

    /** Every default (no property set). */
    public static TckSettings defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.implementation = implementation;
        b.targets = targets;
        b.provisioning = provisioning;
        b.images = images;
        b.profile = profile;
        b.timeoutFactor = timeoutFactor;
        b.external = external;
        b.parallelism = parallelism;
        return b;
    }

    /**
     * Installs {@code settings} for every later {@link #current()} call in this JVM (all threads) until
     * {@link #clear()}. For a runner that starts the TCK programmatically; runs with different settings must
     * not overlap.
     */
    public static void install(TckSettings settings) {
        installed = Objects.requireNonNull(settings, "settings");
    }

    /** Removes installed settings: {@link #current()} reads the system properties again. */
    public static void clear() {
        installed = null;
    }

    /**
     * Runs {@code run} with {@code settings} as {@link #current()} for this thread and every thread it starts
     * meanwhile (not JVM-wide, so that runs with different settings may overlap), then restores what was before.
     */
    public static void runWith(TckSettings settings, Runnable run) {
        Objects.requireNonNull(settings, "settings");
        TckSettings previous = SCOPED.get();
        SCOPED.set(settings);
        try {
            run.run();
        } finally {
            if (previous == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(previous);
            }
        }
    }

    private static TckSettings from(Function<String, String> p) {
        Builder b = builder();
        b.implementation(p.apply(IMPLEMENTATION));
        String provisioning = blankToNull(p.apply(PROVISIONING));
        if (provisioning != null) {
            b.provisioning(ProvisioningMode.parse(provisioning));
        }
        String hivemqImage = blankToNull(p.apply(IMAGE_HIVEMQ));
        String mosquittoImage = blankToNull(p.apply(IMAGE_MOSQUITTO));
        if (hivemqImage != null || mosquittoImage != null) {
            try {
                b.images(new ContainerImages(
                        hivemqImage != null ? hivemqImage : ContainerImages.HIVEMQ_CE,
                        mosquittoImage != null ? mosquittoImage : ContainerImages.MOSQUITTO));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        e.getMessage() + " (" + IMAGE_HIVEMQ + " / " + IMAGE_MOSQUITTO + ")", e);
            }
        }
        String profile = blankToNull(p.apply(PROFILE));
        if (profile != null) {
            b.profile(Profile.parse(profile));
        }
        String factor = blankToNull(p.apply(TIMEOUT_FACTOR));
        if (factor != null) {
            b.timeoutFactor(parseDouble(factor, TIMEOUT_FACTOR));
        }
        String parallelism = blankToNull(p.apply(PARALLELISM));
        if (parallelism != null) {
            b.parallelism(parsePositiveInt(parallelism, PARALLELISM));
        }
        String versionsText = blankToNull(p.apply(EXTERNAL_VERSIONS));
        if (versionsText == null) {
            versionsText = blankToNull(p.apply(EXTERNAL_VERSION));
        }
        List<MqttVersion> versions = new ArrayList<>();
        if (versionsText == null) {
            versions.addAll(List.of(MqttVersion.values()));
        } else {
            for (String v : versionsText.split(",")) {
                if (!v.isBlank()) {
                    try {
                        versions.add(MqttVersion.parse(v));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "Bad value '" + versionsText + "' for " + EXTERNAL_VERSIONS + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        String ca = blankToNull(p.apply(EXTERNAL_CA_CERT));
        String clientCert = blankToNull(p.apply(EXTERNAL_CLIENT_CERT));
        String clientKey = blankToNull(p.apply(EXTERNAL_CLIENT_KEY));
        b.external(new ExternalBroker(
                        blankToNull(p.apply(EXTERNAL_HOST)),
                        parsePort(p.apply(EXTERNAL_PORT), EXTERNAL_PORT, ExternalBroker.DEFAULT_PORT),
                        parsePort(p.apply(EXTERNAL_TLS_PORT), EXTERNAL_TLS_PORT, ExternalBroker.DEFAULT_TLS_PORT),
                        versions.stream().distinct().toList(),
                        ca == null ? null : Path.of(ca),
                        blankToNull(p.apply(EXTERNAL_USERNAME)),
                        p.apply(EXTERNAL_PASSWORD),
                        blankToNull(p.apply(EXTERNAL_BROKER_NAME)))
                .withExpiredTlsPort(parsePort(p.apply(EXTERNAL_EXPIRED_TLS_PORT), EXTERNAL_EXPIRED_TLS_PORT, 0))
                .withClientCertificate(
                        clientCert == null ? null : Path.of(clientCert),
                        clientKey == null ? null : Path.of(clientKey),
                        parsePort(p.apply(EXTERNAL_CLIENT_CERT_TLS_PORT), EXTERNAL_CLIENT_CERT_TLS_PORT, 0)));
        String targets = blankToNull(p.apply(TARGETS));
        if (targets != null) {
            b.targets(parseTargets(targets, b.external));
        }
        return b.build();
    }

    /**
     * The targets a {@value #TARGETS} value selects: a comma list of ids, or {@code all} (the matrix plus, when an
     * external host is configured, an external plain target per configured version and an external TLS target per
     * version when a CA certificate is configured).
     *
     * @throws IllegalArgumentException for an unknown id or an empty list
     */
    public static List<TargetId> parseTargets(String text, ExternalBroker external) {
        Set<TargetId> selected = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (id.equalsIgnoreCase("all")) {
                selected.addAll(TargetId.MATRIX);
                if (external.isConfigured()) {
                    for (MqttVersion v : external.versions()) {
                        selected.add(new TargetId(BrokerFamily.EXTERNAL, v, Transport.PLAIN));
                        if (external.caCert().isPresent()) {
                            selected.add(new TargetId(BrokerFamily.EXTERNAL, v, Transport.TLS));
                        }
                    }
                }
            } else {
                try {
                    selected.add(TargetId.parse(id));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "Bad value '" + text + "' for " + TARGETS + ": " + e.getMessage(), e);
                }
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("Bad value '" + text + "' for " + TARGETS + ": no target id given");
        }
        return List.copyOf(selected);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static double parseDouble(String text, String property) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad value '" + text + "' for " + property + ": expected a number", e);
        }
    }

    private static int parsePositiveInt(String text, String property) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(
                "Bad value '" + text + "' for " + property + ": expected a positive whole number");
    }

    private static int parsePort(String text, String property, int defaultPort) {
        String t = blankToNull(text);
        if (t == null) {
            return defaultPort;
        }
        int port;
        try {
            port = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Bad value '" + text + "' for " + property + ": expected a port 1..65535", e);
        }
        return ExternalBroker.checkPort(port, property);
    }

    // ----- values

    /** The implementation selector (provider name or class name), if set. */
    public Optional<String> implementation() {
        return Optional.ofNullable(implementation);
    }

    /** The provider of the implementation under test, found with {@link Microvisors} and {@link #implementation()}. */
    public MicrovisorProvider provider() {
        return Microvisors.provider(implementation, Thread.currentThread().getContextClassLoader());
    }

    /** The selected targets, in the order given, without duplicates. */
    public List<TargetId> targets() {
        return targets;
    }

    /** How local brokers are provisioned. */
    public ProvisioningMode provisioning() {
        return provisioning;
    }

    /** The images the Testcontainers provisioning runs. */
    public ContainerImages images() {
        return images;
    }

    /** Which rule levels run. */
    public Profile profile() {
        return profile;
    }

    /** True when {@code factor} is within [{@value #MIN_TIMEOUT_FACTOR}, {@value #MAX_TIMEOUT_FACTOR}]. */
    public static boolean validTimeoutFactor(double factor) {
        return factor >= MIN_TIMEOUT_FACTOR && factor <= MAX_TIMEOUT_FACTOR;
    }

    /** The factor every timeout is multiplied by. */
    public double timeoutFactor() {
        return timeoutFactor;
    }

    /** {@code base} multiplied by the {@link #timeoutFactor()}. */
    public Duration timeout(Duration base) {
        return Duration.ofNanos(Math.round(base.toNanos() * timeoutFactor));
    }

    /** The external broker, possibly {@link ExternalBroker#none()}. */
    public ExternalBroker external() {
        return external;
    }

    /**
     * How many targets run at once: the value given, else {@link #DEFAULT_PARALLELISM}, never more than the number
     * of selected targets. Targets share nothing but the JVM (unique topics and client ids keep them apart).
     */
    public int parallelism() {
        int wanted = parallelism > 0 ? parallelism : DEFAULT_PARALLELISM;
        return Math.max(1, Math.min(wanted, targets.size()));
    }

    /**
     * Whether the run was asked for one part at a time ({@code parallelism} 1 given): the device tests then wait for
     * the targets too, for an implementation that is one device per process (a C library behind the native bridge).
     * A run that is one target by its selection still runs its device tests next to it.
     */
    public boolean onePartAtATime() {
        return parallelism == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TckSettings s
                && Objects.equals(implementation, s.implementation)
                && targets.equals(s.targets)
                && provisioning == s.provisioning
                && images.equals(s.images)
                && profile == s.profile
                && Double.compare(timeoutFactor, s.timeoutFactor) == 0
                && external.equals(s.external)
                && parallelism == s.parallelism;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                implementation, targets, provisioning, images, profile, timeoutFactor, external, parallelism);
    }

    /** Every value, without the external password. */
    @Override
    public String toString() {
        return "TckSettings{implementation=" + (implementation == null ? "(only provider)" : implementation)
                + ", targets=" + targets + ", provisioning=" + provisioning.id()
                + (images.official() ? "" : ", images=" + images.hivemq() + "," + images.mosquitto()) + ", profile="
                + profile.id()
                + ", timeoutFactor=" + timeoutFactor + ", parallelism=" + parallelism() + ", external=" + external
                + "}";
    }

    /** Builds {@link TckSettings}; starts from the defaults. */
    public static final class Builder {
        private String implementation;
        private List<TargetId> targets;
        private ProvisioningMode provisioning = ProvisioningMode.AUTO;
        private ContainerImages images = ContainerImages.defaults();
        private Profile profile = Profile.STRICT;
        private double timeoutFactor = 1.0;
        private ExternalBroker external = ExternalBroker.none();
        private int parallelism;

        private Builder() {}

        /** How many targets run at once (at least 1); 0: the default (see {@link TckSettings#parallelism()}). */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** Provider name or class name; null or blank: the only provider present. */
        public Builder implementation(String implementation) {
            this.implementation = implementation;
            return this;
        }

        /** The targets to run on (not empty). */
        public Builder targets(List<TargetId> targets) {
            this.targets = List.copyOf(targets);
            return this;
        }

        /** The targets to run on (not empty). */
        public Builder targets(TargetId... targets) {
            return targets(List.of(targets));
        }

        /** How local brokers are provisioned. */
        public Builder provisioning(ProvisioningMode provisioning) {
            this.provisioning = provisioning;
            return this;
        }

        /** The images the Testcontainers provisioning runs. */
        public Builder images(ContainerImages images) {
            this.images = images;
            return this;
        }

        /** Which rule levels run. */
        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        /** Positive factor for every timeout. */
        public Builder timeoutFactor(double timeoutFactor) {
            this.timeoutFactor = timeoutFactor;
            return this;
        }

        /** The external broker. */
        public Builder external(ExternalBroker external) {
            this.external = external;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException for an invalid value
         */
        public TckSettings build() {
            return new TckSettings(this);
        }
    }
}
