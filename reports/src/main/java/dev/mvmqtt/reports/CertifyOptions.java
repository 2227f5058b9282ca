package dev.mvmqtt.reports;

import dev.mvmqtt.tck.settings.ContainerImages;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The certify command's options, parsed and checked. Both {@code --name value} and {@code --name=value} work. A bad
 * option raises {@link UsageException} with a message for the user (the command exits 2).
 *
 * @param implementation  provider name or class name, or null to choose automatically
 * @param jars            jars to add to the class path (the implementation under test)
 * @param targets         the {@code --targets} text, or null for the default (the 8 local targets)
 * @param provisioning    auto, testcontainers or docker-free, or null for the default (auto)
 * @param profile         strict or must, or null for the default (strict)
 * @param output          where the reports go
 * @param timeoutFactor   the timeout factor, or null for the default (1)
 * @param externalHost    external broker host, or null
 * @param externalPort    its plain port, or null
 * @param externalTlsPort its TLS port, or null
 * @param externalVersions its MQTT versions (comma list), or null
 * @param externalCaCert  the CA certificate of its TLS listener, or null
 * @param externalUsername a username it accepts, or null
 * @param externalPasswordEnv the name of the environment variable holding that user's password, or null
 * @param hivemqImage     the HiveMQ CE image Testcontainers runs, or null for the default (the official one)
 * @param mosquittoImage  the Mosquitto image Testcontainers runs, or null for the default (the official one)
 * @param help            {@code --help} was given
 * @param parallelism     how many targets run at once, or null for the default (up to 8)
 * @param waive           {@code reference} rule ids whose deviation the certifier accepts ({@code --waive})
 * @param waivedBy        who waives them ({@code --waived-by}), or null
 * @param waiveReason     why ({@code --waive-reason}), or null
 * @param rules           run only the tests naming these rule ids ({@code --rules}); empty for all
 * @param tests           run only these test classes or methods ({@code --tests}); empty for all
 */
public record CertifyOptions(String implementation, List<Path> jars, String targets, String provisioning,
                             String profile, Path output, Double timeoutFactor, String externalHost,
                             Integer externalPort, Integer externalTlsPort, String externalVersions,
                             Path externalCaCert, String externalUsername, String externalPasswordEnv,
                             String hivemqImage, String mosquittoImage, boolean help, Integer parallelism,
                             List<String> waive, String waivedBy, String waiveReason, List<String> rules,
                             List<String> tests) {

    public CertifyOptions {
        waive = waive == null ? List.of() : List.copyOf(waive);
        rules = rules == null ? List.of() : List.copyOf(rules);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }


    /** The default output folder. */
    public static final String DEFAULT_OUTPUT = "mvmqtt-report";

    /** The usage text. */
    public static final String USAGE = """
            Usage: ./certify [options]

            Runs the mvmqtt TCK against a Microvisor implementation and writes the compliance report
            (report.json, report.html, report.md). Exits 0 when the verdict is COMPLIANT, 1 when it is not,
            2 for bad options, 3 when the run could not be made. Under the strict profile (default) a
            deviation from the reference's decisions fails the verdict unless waived with --waive.

            Options:
              --implementation NAME|CLASS  the implementation to certify, by provider name or class name
                                           (default: the one in --jar, else 'reference' when present,
                                           else the only one on the class path)
              --jar PATH                   add a jar holding your implementation (and its dependencies:
                                           repeat the option, or separate paths with ':')
              --targets LIST|all           comma list of target ids, or 'all' (the 8 local targets plus the
                                           external ones when --external-host is given); default: the 8
                                           local targets: hivemq|mosquitto - v311|v5 - plain|tls,
                                           e.g. hivemq-v5-tls; external-v5-plain etc. for --external-host
              --provisioning MODE          auto (Testcontainers when Docker answers, else docker-free),
                                           testcontainers, or docker-free; default auto
              --hivemq-image IMAGE         the HiveMQ CE image Testcontainers runs (default hivemq/hivemq-ce:2025.5;
                                           any image laid out like it, e.g. one tck/containers/build-local-images
                                           builds)
              --mosquitto-image IMAGE      the Mosquitto image Testcontainers runs (default eclipse-mosquitto:2.0.20)
              --profile strict|must        strict: must and reference rules (default); must: must rules only
              --output DIR                 where the reports go (default: mvmqtt-report)
              --timeout-factor X           multiply every timeout by X, 0.1 to 100 (default 1; e.g. 3 on a
                                           slow machine)
              --parallelism N              run N targets at once (default: every target, at most 8)
              --external-host HOST         host of any other broker, for the external-* targets
              --external-port PORT         its plain port (default 1883)
              --external-tls-port PORT     its TLS port (default 8883)
              --external-versions LIST     MQTT versions to test it on: 3.1.1, 5 or 3.1.1,5 (default both)
              --external-ca-cert PATH      CA certificate (DER or PEM) of its TLS listener (enables external TLS)
              --external-username USER     a username it accepts, for the authentication tests
              --external-password-env VAR  name of the environment variable that holds that user's password
                                           (the password itself is never taken on the command line or logged)
              --rules ID[,ID..]            run only the tests that name these rules (e.g. CHAN-BUF-1); the
                                           verdict then covers only what ran: use it while working on a rule
              --tests NAME[,NAME..]        run only these test classes or methods: Class or Class#method,
                                           by simple or fully qualified name (e.g. SubscribeTests#qos)
              --waive ID[,ID..]            accept these deviations from the reference (reference rules only):
                                           under the strict profile an unwaived deviation fails the verdict
              --waived-by NAME             who waives them, recorded in the report
              --waive-reason TEXT          why, recorded in the report
              -h, --help                   this text
            """;

    private static final Map<String, String> ALIASES = Map.of("-h", "--help");

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
        String implementation = null;
        List<Path> jars = new ArrayList<>();
        String targets = null;
        String provisioning = null;
        String profile = null;
        Path output = Path.of(DEFAULT_OUTPUT);
        Double timeoutFactor = null;
        String externalHost = null;
        Integer externalPort = null;
        Integer externalTlsPort = null;
        String externalVersions = null;
        Path externalCaCert = null;
        String externalUsername = null;
        String externalPasswordEnv = null;
        String hivemqImage = null;
        String mosquittoImage = null;
        boolean help = false;
        Integer parallelism = null;
        List<String> waive = new ArrayList<>();
        String waivedBy = null;
        String waiveReason = null;
        List<String> rules = new ArrayList<>();
        List<String> tests = new ArrayList<>();

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = ALIASES.getOrDefault(arg, arg);
            String inline = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("--help")) {
                help = true;
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
            switch (name) {
                case "--implementation" -> implementation = required(name, value);
                case "--jar" -> {
                    for (String part : required(name, value).split(java.io.File.pathSeparator)) {
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
                }
                case "--targets" -> targets = required(name, value);
                case "--provisioning" -> provisioning = check(name, required(name, value), ProvisioningMode::parse).id();
                case "--hivemq-image" -> hivemqImage = required(name, value);
                case "--mosquitto-image" -> mosquittoImage = required(name, value);
                case "--profile" -> profile = check(name, required(name, value), Profile::parse).id();
                case "--output" -> output = Path.of(required(name, value));
                case "--timeout-factor" -> {
                    String v = required(name, value);
                    double f;
                    try {
                        f = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--timeout-factor: '" + v + "' is not a number");
                    }
                    if (!TckSettings.validTimeoutFactor(f)) {
                        throw new UsageException("--timeout-factor: expected a number between "
                                + TckSettings.MIN_TIMEOUT_FACTOR + " and " + (int) TckSettings.MAX_TIMEOUT_FACTOR
                                + ", got " + v);
                    }
                    timeoutFactor = f;
                }
                case "--parallelism" -> {
                    String v = required(name, value);
                    try {
                        parallelism = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        parallelism = 0;
                    }
                    if (parallelism < 1) {
                        throw new UsageException("--parallelism: expected a positive whole number, got " + v);
                    }
                }
                case "--external-host" -> externalHost = required(name, value);
                case "--external-port" -> externalPort = port(name, required(name, value));
                case "--external-tls-port" -> externalTlsPort = port(name, required(name, value));
                case "--external-versions", "--external-version" -> {
                    externalVersions = required(name, value);
                    for (String v : externalVersions.split(",")) {
                        check(name, v, MqttVersion::parse);
                    }
                }
                case "--external-ca-cert" -> {
                    externalCaCert = Path.of(required(name, value));
                    if (!Files.isRegularFile(externalCaCert)) {
                        throw new UsageException("--external-ca-cert: no such file: " + externalCaCert);
                    }
                }
                case "--external-username" -> externalUsername = required(name, value);
                case "--external-password-env" -> {
                    externalPasswordEnv = required(name, value);
                    if (System.getenv(externalPasswordEnv) == null) {
                        throw new UsageException("--external-password-env: environment variable " + externalPasswordEnv
                                + " is not set");
                    }
                }
                case "--external-password" -> throw new UsageException(
                        "--external-password is not accepted (a password on the command line leaks into process"
                                + " listings and shell history): put it in an environment variable and pass"
                                + " --external-password-env VAR");
                case "--waive" -> waive.addAll(list(name, required(name, value)));
                case "--waived-by" -> waivedBy = required(name, value);
                case "--waive-reason" -> waiveReason = required(name, value);
                case "--rules" -> rules.addAll(list(name, required(name, value)));
                case "--tests" -> tests.addAll(list(name, required(name, value)));
                default -> throw new UsageException("Unknown option '" + name + "'");
            }
        }
        CertifyOptions options = new CertifyOptions(implementation, List.copyOf(jars), targets, provisioning, profile,
                output, timeoutFactor, externalHost, externalPort, externalTlsPort, externalVersions, externalCaCert,
                externalUsername, externalPasswordEnv, hivemqImage, mosquittoImage, help, parallelism,
                waive, waivedBy, waiveReason, rules, tests);
        if (!help) {
            options.settings(null); // checks targets and the external broker now, before anything runs
        }
        return options;
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
        } catch (java.io.IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.FileAlreadyExistsException ? "it is not a folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
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
        ExternalBroker e = base.external();
        ExternalBroker external;
        try {
            List<MqttVersion> versions = externalVersions == null ? e.versions()
                    : java.util.Arrays.stream(externalVersions.split(",")).filter(v -> !v.isBlank())
                    .map(MqttVersion::parse).distinct().toList();
            external = new ExternalBroker(
                    externalHost != null ? externalHost : e.host().orElse(null),
                    externalPort != null ? externalPort : e.port(),
                    externalTlsPort != null ? externalTlsPort : e.tlsPort(),
                    versions,
                    externalCaCert != null ? externalCaCert.toAbsolutePath() : e.caCert().orElse(null),
                    externalUsername != null ? externalUsername : e.username().orElse(null),
                    externalPasswordEnv != null ? System.getenv(externalPasswordEnv) : e.password().orElse(null));
        } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
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
                b.images(new ContainerImages(hivemqImage != null ? hivemqImage : base.images().hivemq(),
                        mosquittoImage != null ? mosquittoImage : base.images().mosquitto()));
            } catch (IllegalArgumentException ex) {
                throw new UsageException((hivemqImage != null ? "--hivemq-image" : "--mosquitto-image") + ": "
                        + ex.getMessage());
            }
        }
        if (timeoutFactor != null) {
            b.timeoutFactor(timeoutFactor);
        }
        if (parallelism != null) {
            b.parallelism(parallelism);
        }
        if (targets != null) {
            List<TargetId> selected;
            try {
                selected = TckSettings.parseTargets(targets, external);
            } catch (IllegalArgumentException ex) {
                throw new UsageException("--targets: " + rootMessage(ex));
            }
            for (TargetId t : selected) {
                if (t.broker().id().equals("external") && !external.isConfigured()) {
                    throw new UsageException("--targets: " + t.id() + " needs --external-host");
                }
                if (t.broker().id().equals("external") && t.isTls() && external.caCert().isEmpty()) {
                    throw new UsageException("--targets: " + t.id() + " needs --external-ca-cert");
                }
            }
            b.targets(selected);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
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
        return new Waivers(new java.util.LinkedHashSet<>(waive), waivedBy, waiveReason);
    }

    private static List<String> list(String name, String value) throws UsageException {
        List<String> items = java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
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
