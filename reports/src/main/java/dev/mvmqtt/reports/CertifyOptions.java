package dev.mvmqtt.reports;

import dev.mvmqtt.tck.settings.ContainerImages;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.tls.ClientCertificate;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The certify command's options, parsed and checked. Both {@code --name value} and {@code --name=value} work. A bad
 * option raises {@link UsageException} with a message for the user (the command exits 2).
 *
 * <p>Every option is one row of {@link #OPTIONS}: its name, its argument, its help text and how it sets its field.
 * The same table parses the command line and writes {@link #USAGE}; a new option is a field here and a row there.
 */
public final class CertifyOptions {

    /** The default output folder. */
    public static final String DEFAULT_OUTPUT = "mvmqtt-report";

    /** Sets an option's field from its value (null for a flag); throws for a bad value. */
    @FunctionalInterface
    interface Setter {
        void set(CertifyOptions options, String name, String value) throws UsageException;
    }

    /**
     * One command-line option.
     *
     * @param name     {@code --name}
     * @param aliases  other spellings ({@code -h}); the first one that starts with a single dash is shown in the usage
     * @param argument what the value looks like in the usage ({@code PATH}), or null for a flag that takes none
     * @param help     what it does, for the usage text
     * @param setter   how it sets the option
     */
    record Option(String name, List<String> aliases, String argument, String help, Setter setter) {
        /** The option's usage label: {@code -h, --help} or {@code --jar PATH}. */
        String label() {
            String shortName = aliases.stream()
                    .filter(a -> !a.startsWith("--"))
                    .findFirst()
                    .map(a -> a + ", ")
                    .orElse("");
            return shortName + name + (argument == null ? "" : " " + argument);
        }
    }

    private static Option option(String name, String argument, String help, Setter setter) {
        return new Option(name, List.of(), argument, help, setter);
    }

    /** Every option, in the order the usage lists them. */
    static final List<Option> OPTIONS = List.of(
            option(
                    "--implementation",
                    "NAME|CLASS",
                    "the implementation to certify, by provider name or class name"
                            + " (default: the one in --jar, else 'reference' when present, else the only one on the class path)",
                    (o, n, v) -> o.implementation = v),
            option(
                    "--jar",
                    "PATH",
                    "add a jar holding your implementation (and its dependencies: repeat the option,"
                            + " or separate paths with ':')",
                    (o, n, v) -> o.jars.addAll(jars(v))),
            option(
                    "--targets",
                    "LIST|all",
                    "comma list of target ids, or 'all' (the 8 local targets plus the external"
                            + " ones when --external-host is given); default: the 8 local targets: hivemq|mosquitto - v311|v5"
                            + " - plain|tls, e.g. hivemq-v5-tls; external-v5-plain etc. for --external-host",
                    (o, n, v) -> o.targets = v),
            option(
                    "--provisioning",
                    "MODE",
                    "auto (Testcontainers when Docker answers, else docker-free),"
                            + " testcontainers, or docker-free; default auto",
                    (o, n, v) -> o.provisioning =
                            check(n, v, ProvisioningMode::parse).id()),
            option(
                    "--hivemq-image",
                    "IMAGE",
                    "the HiveMQ CE image Testcontainers runs (default "
                            + ContainerImages.HIVEMQ_CE + "; any image laid out like it, e.g. one"
                            + " tck/containers/build-local-images builds)",
                    (o, n, v) -> o.hivemqImage = v),
            option(
                    "--mosquitto-image",
                    "IMAGE",
                    "the Mosquitto image Testcontainers runs (default " + ContainerImages.MOSQUITTO + ")",
                    (o, n, v) -> o.mosquittoImage = v),
            option(
                    "--profile",
                    "strict|must",
                    "strict: must and reference rules (default); must: must rules only",
                    (o, n, v) -> o.profile = check(n, v, Profile::parse).id()),
            option(
                    "--output",
                    "DIR",
                    "where the reports go (default: " + DEFAULT_OUTPUT + ")",
                    (o, n, v) -> o.output = Path.of(v)),
            option(
                    "--timeout-factor",
                    "X",
                    "multiply every timeout by X, " + TckSettings.MIN_TIMEOUT_FACTOR + " to "
                            + (int) TckSettings.MAX_TIMEOUT_FACTOR + " (default 1; e.g. 3 on a slow machine)",
                    (o, n, v) -> o.timeoutFactor = timeoutFactor(v)),
            option(
                    "--parallelism",
                    "N",
                    "run N targets at once, next to the device tests (default: every target, at most 8); 1: one part at a time, device tests too",
                    (o, n, v) -> o.parallelism = positive(n, v)),
            option(
                    "--external-host",
                    "HOST",
                    "host of any other broker, for the external-* targets",
                    (o, n, v) -> o.externalHost = v),
            option(
                    "--external-port",
                    "PORT",
                    "its plain port (default 1883)",
                    (o, n, v) -> o.externalPort = port(n, v)),
            option(
                    "--external-tls-port",
                    "PORT",
                    "its TLS port (default 8883)",
                    (o, n, v) -> o.externalTlsPort = port(n, v)),
            new Option(
                    "--external-versions",
                    List.of("--external-version"),
                    "LIST",
                    "MQTT versions to test it on: 3.1.1, 5 or 3.1.1,5 (default both)",
                    (o, n, v) -> o.externalVersions = versions(n, v)),
            option(
                    "--external-ca-cert",
                    "PATH",
                    "CA certificate (DER or PEM) of its TLS listener (enables external TLS)",
                    (o, n, v) -> o.externalCaCert = existingFile(n, v)),
            option(
                    "--external-expired-tls-port",
                    "PORT",
                    "its TLS port that serves an expired certificate issued by the same CA (for"
                            + " TLS-EXPIRED-1; without it that rule is not checked there)",
                    (o, n, v) -> o.externalExpiredTlsPort = port(n, v)),
            option(
                    "--external-client-cert",
                    "PATH",
                    "a client certificate (PEM chain or DER) it accepts, for the device to present"
                            + " (for TLS-MUTUAL-1; without it that rule is not checked there); needs --external-client-key",
                    (o, n, v) -> o.externalClientCert = existingFile(n, v)),
            option(
                    "--external-client-key",
                    "PATH",
                    "that certificate's unencrypted PKCS#8 key (PEM or DER)",
                    (o, n, v) -> o.externalClientKey = existingFile(n, v)),
            option(
                    "--external-client-cert-tls-port",
                    "PORT",
                    "its TLS port that requires client certificates, where the device"
                            + " presents --external-client-cert (default: --external-tls-port)",
                    (o, n, v) -> o.externalClientCertTlsPort = port(n, v)),
            option(
                    "--external-username",
                    "USER",
                    "a username it accepts, for the authentication tests",
                    (o, n, v) -> o.externalUsername = v),
            option(
                    "--external-password-env",
                    "VAR",
                    "name of the environment variable that holds that user's"
                            + " password (the password itself is never taken on the command line or logged)",
                    (o, n, v) -> o.externalPasswordEnv = setEnvironmentVariable(n, v)),
            option(
                    "--external-broker-name",
                    "NAME",
                    "its name and version for the report (e.g. \"ActiveMQ Artemis"
                            + " 2.40\"), where its MQTT 5 CONNACK does not say them",
                    (o, n, v) -> o.externalBrokerName = v),
            option(
                    "--rules",
                    "ID[,ID..]",
                    "run only the tests that name these rules (e.g. CHAN-BUF-1); the verdict"
                            + " then covers only what ran: use it while working on a rule",
                    (o, n, v) -> o.rules.addAll(list(n, v))),
            option(
                    "--tests",
                    "NAME[,NAME..]",
                    "run only these test classes or methods: Class or Class#method, by"
                            + " simple or fully qualified name (e.g. SubscribeTests#qos)",
                    (o, n, v) -> o.tests.addAll(list(n, v))),
            new Option(
                    "--broker-profile",
                    List.of(),
                    null,
                    "profile the brokers only, no implementation: what each"
                            + " selected target's broker does where MQTT lets brokers differ, side by side (broker-profile.json,"
                            + " broker-profile.md in --output)",
                    (o, n, v) -> o.brokerProfile = true),
            option(
                    "--waive",
                    "ID[,ID..]",
                    "accept these deviations from the reference (reference rules only): under"
                            + " the strict profile an unwaived deviation fails the verdict",
                    (o, n, v) -> o.waive.addAll(list(n, v))),
            option("--waived-by", "NAME", "who waives them, recorded in the report", (o, n, v) -> o.waivedBy = v),
            option("--waive-reason", "TEXT", "why, recorded in the report", (o, n, v) -> o.waiveReason = v),
            new Option("--help", List.of("-h"), null, "this text", (o, n, v) -> o.help = true));

    /** Options refused on purpose, with why and what to do instead. */
    private static final Map<String, String> REFUSED = Map.of(
            "--external-password",
            "--external-password is not accepted (a password on the command line leaks into process"
                    + " listings and shell history): put it in an environment variable and pass"
                    + " --external-password-env VAR");

    /** Where the help texts start, after two spaces of indent. */
    private static final int LABEL_WIDTH = 29;
    /** Where the help texts wrap. */
    private static final int LINE_WIDTH = 105;

    /** The usage text, written from {@link #OPTIONS}. */
    public static final String USAGE = usage();

    private String implementation;
    private final List<Path> jars = new ArrayList<>();
    private String targets;
    private String provisioning;
    private String profile;
    private Path output = Path.of(DEFAULT_OUTPUT);
    private Double timeoutFactor;
    private String externalHost;
    private Integer externalPort;
    private Integer externalTlsPort;
    private String externalVersions;
    private Path externalCaCert;
    private Integer externalExpiredTlsPort;
    private Path externalClientCert;
    private Path externalClientKey;
    private Integer externalClientCertTlsPort;
    private String externalUsername;
    private String externalPasswordEnv;
    private String externalBrokerName;
    private String hivemqImage;
    private String mosquittoImage;
    private boolean help;
    private boolean brokerProfile;
    private Integer parallelism;
    private final List<String> waive = new ArrayList<>();
    private String waivedBy;
    private String waiveReason;
    private final List<String> rules = new ArrayList<>();
    private final List<String> tests = new ArrayList<>();

    private CertifyOptions() {}

    /** Provider name or class name, or null to choose automatically. */
    public String implementation() {
        return implementation;
    }

    /** Jars to add to the class path (the implementation under test). */
    public List<Path> jars() {
        return List.copyOf(jars);
    }

    /** The {@code --targets} text, or null for the default (the 8 local targets). */
    public String targets() {
        return targets;
    }

    /** auto, testcontainers or docker-free, or null for the default (auto). */
    public String provisioning() {
        return provisioning;
    }

    /** strict or must, or null for the default (strict). */
    public String profile() {
        return profile;
    }

    /** Where the reports go. */
    public Path output() {
        return output;
    }

    /** The timeout factor, or null for the default (1). */
    public Double timeoutFactor() {
        return timeoutFactor;
    }

    /** External broker host, or null. */
    public String externalHost() {
        return externalHost;
    }

    /** Its plain port, or null. */
    public Integer externalPort() {
        return externalPort;
    }

    /** Its TLS port, or null. */
    public Integer externalTlsPort() {
        return externalTlsPort;
    }

    /** Its MQTT versions (comma list), or null. */
    public String externalVersions() {
        return externalVersions;
    }

    /** The CA certificate of its TLS listener, or null. */
    public Path externalCaCert() {
        return externalCaCert;
    }

    /** Its TLS port serving an expired certificate, or null. */
    public Integer externalExpiredTlsPort() {
        return externalExpiredTlsPort;
    }

    /** A client certificate it accepts, or null. */
    public Path externalClientCert() {
        return externalClientCert;
    }

    /** That certificate's PKCS#8 key, or null. */
    public Path externalClientKey() {
        return externalClientKey;
    }

    /** Its TLS port that requires client certificates, or null. */
    public Integer externalClientCertTlsPort() {
        return externalClientCertTlsPort;
    }

    /** A username it accepts, or null. */
    public String externalUsername() {
        return externalUsername;
    }

    /** The name of the environment variable holding that user's password, or null. */
    public String externalPasswordEnv() {
        return externalPasswordEnv;
    }

    /** The HiveMQ CE image Testcontainers runs, or null for the default (the official one). */
    public String hivemqImage() {
        return hivemqImage;
    }

    /** The Mosquitto image Testcontainers runs, or null for the default (the official one). */
    public String mosquittoImage() {
        return mosquittoImage;
    }

    /** {@code --help} was given. */
    public boolean help() {
        return help;
    }

    /** {@code --broker-profile}: profile the brokers only, certify nothing. */
    public boolean brokerProfile() {
        return brokerProfile;
    }

    /** How many targets run at once, or null for the default (up to 8). */
    public Integer parallelism() {
        return parallelism;
    }

    /** {@code reference} rule ids whose deviation the certifier accepts ({@code --waive}). */
    public List<String> waive() {
        return List.copyOf(waive);
    }

    /** Who waives them ({@code --waived-by}), or null. */
    public String waivedBy() {
        return waivedBy;
    }

    /** Why ({@code --waive-reason}), or null. */
    public String waiveReason() {
        return waiveReason;
    }

    /** Run only the tests naming these rule ids ({@code --rules}); empty for all. */
    public List<String> rules() {
        return List.copyOf(rules);
    }

    /** Run only these test classes or methods ({@code --tests}); empty for all. */
    public List<String> tests() {
        return List.copyOf(tests);
    }

    /** Thrown for bad command-line input; the message is for the user. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses and checks {@code args}.
     *
     * @throws UsageException for an unknown option, a missing or bad value, an unknown target, a missing jar
     */
    public static CertifyOptions parse(String... args) throws UsageException {
        CertifyOptions options = new CertifyOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            Option option = find(arg);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (option == null && arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                name = arg.substring(0, eq);
                option = find(name);
            }
            if (option != null && option.argument() == null) {
                option.setter().set(options, option.name(), null);
                continue;
            }
            if (!name.startsWith("--")) {
                throw new UsageException("Unexpected argument '" + arg + "': options start with --");
            }
            String value;
            if (inline != null) {
                value = inline;
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = null;
            }
            if (REFUSED.containsKey(name)) {
                throw new UsageException(REFUSED.get(name));
            }
            if (option == null) {
                throw new UsageException("Unknown option '" + name + "'");
            }
            option.setter().set(options, name, required(name, value));
        }
        if (!options.help) {
            options.settings(null); // checks targets and the external broker now, before anything runs
        }
        return options;
    }

    /** The option {@code arg} names, by its name or an alias; null for none. */
    private static Option find(String arg) {
        for (Option o : OPTIONS) {
            if (o.name().equals(arg) || o.aliases().contains(arg)) {
                return o;
            }
        }
        return null;
    }

    private static String usage() {
        StringBuilder u = new StringBuilder("""
                Usage: ./certify [options]

                Runs the mvmqtt TCK against a Microvisor implementation and writes the compliance report
                (report.json, report.html, report.md). Exits 0 when the verdict is COMPLIANT, 1 when it is not,
                2 for bad options, 3 when the run could not be made, 4 when INCOMPLETE (nothing failed, but
                some must rules could not be checked on the selected targets). Under the strict profile (default) a
                deviation from the reference's decisions fails the verdict unless waived with --waive.

                Options:
                """);
        String indent = " ".repeat(2 + LABEL_WIDTH);
        for (Option o : OPTIONS) {
            String label = "  " + o.label();
            StringBuilder line = new StringBuilder(
                    label.length() > LABEL_WIDTH
                            ? label + "\n" + indent
                            : label + " ".repeat(2 + LABEL_WIDTH - label.length()));
            int lineStart = line.lastIndexOf("\n") + 1;
            boolean first = true;
            for (String word : o.help().split(" ")) {
                if (!first && line.length() - lineStart + 1 + word.length() > LINE_WIDTH) {
                    u.append(line).append('\n');
                    line = new StringBuilder(indent);
                    lineStart = 0;
                    first = true;
                }
                line.append(first ? "" : " ").append(word);
                first = false;
            }
            u.append(line).append('\n');
        }
        return u.toString();
    }

    /**
     * Creates the output folder and checks that a file can be written there, so that an unwritable {@code --output}
     * stops the command before the run rather than losing the run's results after it.
     *
     * @throws UsageException naming the folder and why it cannot be written
     */
    public void checkOutputWritable() throws UsageException {
        Path dir = output.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".certify-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof FileAlreadyExistsException
                    ? "it is not a folder"
                    : e instanceof AccessDeniedException
                            ? "permission denied"
                            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            throw new UsageException("--output: cannot write reports to " + output + " (" + why + ")");
        }
    }

    /**
     * The TCK settings these options give, on top of the {@code mvmqtt.*} system properties.
     *
     * @param implementationSelector the implementation chosen (may differ from {@link #implementation()} when that is null)
     * @throws UsageException for an unknown target or an inconsistent external broker
     */
    public TckSettings settings(String implementationSelector) throws UsageException {
        TckSettings base;
        try {
            base = TckSettings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ExternalBroker external = externalBroker(base.external());
        TckSettings.Builder b = base.toBuilder().external(external);
        if (implementationSelector != null) {
            b.implementation(implementationSelector);
        }
        if (provisioning != null) {
            b.provisioning(ProvisioningMode.parse(provisioning));
        }
        if (profile != null) {
            b.profile(Profile.parse(profile));
        }
        if (hivemqImage != null || mosquittoImage != null) {
            try {
                b.images(new ContainerImages(
                        hivemqImage != null ? hivemqImage : base.images().hivemq(),
                        mosquittoImage != null ? mosquittoImage : base.images().mosquitto()));
            } catch (IllegalArgumentException ex) {
                throw new UsageException(
                        (hivemqImage != null ? "--hivemq-image" : "--mosquitto-image") + ": " + ex.getMessage());
            }
        }
        if (timeoutFactor != null) {
            b.timeoutFactor(timeoutFactor);
        }
        if (parallelism != null) {
            b.parallelism(parallelism);
        }
        if (targets != null) {
            b.targets(selectedTargets(external));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
    }

    /** The external broker: these options over what the {@code mvmqtt.external.*} properties gave. */
    private ExternalBroker externalBroker(ExternalBroker e) throws UsageException {
        if (externalClientCert != null && externalClientKey == null) {
            throw new UsageException(
                    "--external-client-cert needs --external-client-key (the certificate's unencrypted PKCS#8 key)");
        }
        if (externalClientKey != null && externalClientCert == null) {
            throw new UsageException(
                    "--external-client-key needs --external-client-cert (the certificate of that key)");
        }
        if (externalClientCertTlsPort != null
                && externalClientCert == null
                && e.clientCert().isEmpty()) {
            throw new UsageException("--external-client-cert-tls-port needs --external-client-cert and"
                    + " --external-client-key (the client certificate that listener accepts)");
        }
        ExternalBroker broker = externalBrokerWithoutListeners(e);
        Path clientCert = externalClientCert != null
                ? externalClientCert.toAbsolutePath()
                : e.clientCert().orElse(null);
        Path clientKey = externalClientKey != null
                ? externalClientKey.toAbsolutePath()
                : e.clientKey().orElse(null);
        if (clientCert != null && clientKey != null) {
            try {
                ClientCertificate.read(clientCert, clientKey); // a bad file or a key of another certificate stops here
            } catch (IllegalArgumentException ex) {
                throw new UsageException("--external-client-cert / --external-client-key: " + ex.getMessage());
            }
        }
        try {
            return broker.withExpiredTlsPort(
                            externalExpiredTlsPort != null
                                    ? externalExpiredTlsPort
                                    : e.expiredTlsPort().orElse(0))
                    .withClientCertificate(
                            clientCert,
                            clientKey,
                            externalClientCertTlsPort != null
                                    ? externalClientCertTlsPort
                                    : e.clientCertTlsPort().orElse(0));
        } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
    }

    /** The external broker's host, ports, versions, CA, credentials and name: options over properties. */
    private ExternalBroker externalBrokerWithoutListeners(ExternalBroker e) throws UsageException {
        try {
            List<MqttVersion> versions = externalVersions == null
                    ? e.versions()
                    : Arrays.stream(externalVersions.split(","))
                            .filter(v -> !v.isBlank())
                            .map(MqttVersion::parse)
                            .distinct()
                            .toList();
            return new ExternalBroker(
                    externalHost != null ? externalHost : e.host().orElse(null),
                    externalPort != null ? externalPort : e.port(),
                    externalTlsPort != null ? externalTlsPort : e.tlsPort(),
                    versions,
                    externalCaCert != null
                            ? externalCaCert.toAbsolutePath()
                            : e.caCert().orElse(null),
                    externalUsername != null ? externalUsername : e.username().orElse(null),
                    externalPasswordEnv != null
                            ? System.getenv(externalPasswordEnv)
                            : e.password().orElse(null),
                    externalBrokerName != null ? externalBrokerName : e.name().orElse(null));
        } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
    }

    /** The {@code --targets} selected, each usable with {@code external} (an external target needs its host). */
    private List<TargetId> selectedTargets(ExternalBroker external) throws UsageException {
        List<TargetId> selected;
        try {
            selected = TckSettings.parseTargets(targets, external);
        } catch (IllegalArgumentException ex) {
            throw new UsageException("--targets: " + rootMessage(ex));
        }
        for (TargetId t : selected) {
            if (t.broker() == BrokerFamily.EXTERNAL && !external.isConfigured()) {
                throw new UsageException("--targets: " + t.id() + " needs --external-host");
            }
            if (t.broker() == BrokerFamily.EXTERNAL
                    && t.isTls()
                    && external.caCert().isEmpty()) {
                throw new UsageException("--targets: " + t.id() + " needs --external-ca-cert");
            }
        }
        return selected;
    }

    private static String rootMessage(IllegalArgumentException e) {
        Throwable t = e;
        while (t.getCause() instanceof IllegalArgumentException && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The deviations waived, as the report builder takes them. */
    public Waivers waivers() {
        return new Waivers(new LinkedHashSet<>(waive), waivedBy, waiveReason);
    }

    private static List<Path> jars(String value) throws UsageException {
        List<Path> jars = new ArrayList<>();
        for (String part : value.split(File.pathSeparator)) {
            if (part.isBlank()) {
                continue;
            }
            Path jar = Path.of(part.trim());
            if (!Files.isRegularFile(jar)) {
                throw new UsageException("--jar: no such file: " + jar);
            }
            if (!Files.isReadable(jar)) {
                throw new UsageException("--jar: cannot read " + jar);
            }
            jars.add(jar.toAbsolutePath().normalize());
        }
        return jars;
    }

    private static double timeoutFactor(String value) throws UsageException {
        double f;
        try {
            f = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout-factor: '" + value + "' is not a number");
        }
        if (!TckSettings.validTimeoutFactor(f)) {
            throw new UsageException("--timeout-factor: expected a number between " + TckSettings.MIN_TIMEOUT_FACTOR
                    + " and " + (int) TckSettings.MAX_TIMEOUT_FACTOR + ", got " + value);
        }
        return f;
    }

    private static int positive(String name, String value) throws UsageException {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new UsageException(name + ": expected a positive whole number, got " + value);
        }
        return n;
    }

    private static String versions(String name, String value) throws UsageException {
        for (String v : value.split(",")) {
            check(name, v, MqttVersion::parse);
        }
        return value;
    }

    private static Path existingFile(String name, String value) throws UsageException {
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new UsageException(name + ": no such file: " + file);
        }
        return file;
    }

    private static String setEnvironmentVariable(String name, String value) throws UsageException {
        if (System.getenv(value) == null) {
            throw new UsageException(name + ": environment variable " + value + " is not set");
        }
        return value;
    }

    private static List<String> list(String name, String value) throws UsageException {
        List<String> items = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
        if (items.isEmpty()) {
            throw new UsageException(name + " needs a value");
        }
        return items;
    }

    private static String required(String name, String value) throws UsageException {
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " needs a value");
        }
        return value.trim();
    }

    private static <T> T check(String name, String value, Function<String, T> parser) throws UsageException {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static int port(String name, String value) throws UsageException {
        try {
            int p = Integer.parseInt(value);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": expected a port 1..65535, got '" + value + "'");
        }
    }
}
