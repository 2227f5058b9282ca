package dev.mvmqtt.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.tck.settings.ContainerImages;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certify command's option handling; never runs the TCK (every case stops before it). */
class CertifyOptionsTest {
    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {}

    private Result certify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Certify certify = new Certify(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> {
                    throw new AssertionError("the catalogue must not be read for bad options");
                });
        int status = certify.run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Certify reading the small test catalogue, for checks that need it (they stop before the TCK runs). */
    private Result certifyWithCatalogue(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Certify certify = new Certify(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Runs::catalogue);
        int status = certify.run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A valid use of every option in the table: a new row without one here fails
     * {@link #everyOptionInTheTableIsInTheUsageAndParses}. PATH is set wherever the kit runs.
     */
    private List<String> sampleUse(String option) throws IOException {
        Path file = Files.writeString(tmp.resolve("any.file"), "x");
        return switch (option) {
            case "--implementation" -> List.of(option, "reference");
            case "--jar" -> List.of(option, file.toString());
            case "--targets" -> List.of(option, "hivemq-v5-tls");
            case "--provisioning" -> List.of(option, "docker-free");
            case "--hivemq-image" -> List.of(option, "mvmqtt/hivemq-ce-local:2025.5");
            case "--mosquitto-image" -> List.of(option, "mvmqtt/mosquitto-local:2.0.20");
            case "--profile" -> List.of(option, "must");
            case "--output" -> List.of(option, tmp.resolve("out").toString());
            case "--timeout-factor" -> List.of(option, "3");
            case "--parallelism" -> List.of(option, "2");
            case "--external-host", "--external-username" ->
                List.of("--external-host", "broker.example", option, "ana");
            case "--external-broker-name" ->
                List.of("--external-host", "broker.example", option, "ActiveMQ Artemis 2.40");
            case "--external-port", "--external-tls-port" ->
                List.of("--external-host", "broker.example", option, "1884");
            case "--external-versions" -> List.of("--external-host", "broker.example", option, "5");
            case "--external-ca-cert" -> List.of("--external-host", "broker.example", option, file.toString());
            case "--external-expired-tls-port" -> List.of("--external-host", "broker.example", option, "18884");
            case "--external-client-cert", "--external-client-key", "--external-client-cert-tls-port" -> {
                ClientFiles c = clientFiles(TlsMaterial.generate(), "sample");
                List<String> use = new ArrayList<>(List.of(
                        "--external-host",
                        "broker.example",
                        "--external-client-cert",
                        c.cert().toString(),
                        "--external-client-key",
                        c.key().toString(),
                        "--external-client-cert-tls-port",
                        "18885"));
                // the sampled option last, so that its value follows it
                int at = use.indexOf(option);
                List<String> pair = List.of(use.remove(at), use.remove(at));
                use.addAll(pair);
                yield use;
            }
            case "--external-password-env" ->
                List.of("--external-host", "broker.example", "--external-username", "ana", option, "PATH");
            case "--rules", "--waive" -> List.of(option, "MQTT-QOS-9");
            case "--tests" -> List.of(option, "SubscribeTests");
            case "--waived-by", "--waive-reason" -> List.of(option, "ana");
            case "--help", "--broker-profile" -> List.of(option);
            default -> List.of();
        };
    }

    /** README's options table is written by hand: it must not fall behind the options certify takes. */
    @Test
    void readmesOptionsTableListsEveryOption() throws IOException {
        Path readme = Path.of("..", "README.md");
        Set<String> listed = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            if (line.startsWith("| `--")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(--[a-z-]+)")
                        .matcher(line.substring(0, line.indexOf(" | ", 2)));
                while (m.find()) {
                    listed.add(m.group(1));
                }
            }
        }
        assertThat(listed).as("options in README's table").isNotEmpty();
        for (CertifyOptions.Option option : CertifyOptions.OPTIONS) {
            assertThat(listed).as("README's options table").contains(option.name());
        }
    }

    @Test
    void everyOptionInTheTableIsInTheUsageAndParses() throws Exception {
        assertThat(CertifyOptions.OPTIONS).hasSizeGreaterThan(20);
        for (CertifyOptions.Option option : CertifyOptions.OPTIONS) {
            assertThat(CertifyOptions.USAGE)
                    .as("usage line of %s", option.name())
                    // a label too long for the label column stands on a line of its own, its help below it
                    .containsPattern(Pattern.quote("  " + option.label()) + "[ \n]")
                    .contains(option.help().split(" ")[0]);
            List<String> use = sampleUse(option.name());
            assertThat(use)
                    .as("a sample use of %s in sampleUse()", option.name())
                    .contains(option.name());
            CertifyOptions.parse(use.toArray(String[]::new)); // throws UsageException when it does not parse
            String[] withEquals = use.toArray(String[]::new);
            int at = use.lastIndexOf(option.name());
            if (option.argument() != null) {
                List<String> inline = new ArrayList<>(use.subList(0, at));
                inline.add(option.name() + "=" + use.get(at + 1));
                inline.addAll(use.subList(at + 2, use.size()));
                withEquals = inline.toArray(String[]::new);
            }
            CertifyOptions.parse(withEquals);
        }
        assertThat(CertifyOptions.parse("-h").help()).isTrue();
        assertThat(CertifyOptions.parse(
                                "--external-host", "broker.example", "--external-broker-name", "ActiveMQ Artemis 2.40")
                        .settings(null)
                        .external()
                        .name())
                .contains("ActiveMQ Artemis 2.40");
        assertThat(CertifyOptions.parse("--external-host", "broker.example", "--external-version", "3.1.1")
                        .externalVersions())
                .isEqualTo("3.1.1");
    }

    @Test
    void theUsageNamesEachOptionOnceAndStaysReadable() {
        for (CertifyOptions.Option option : CertifyOptions.OPTIONS) {
            assertThat(CertifyOptions.USAGE.split("\\R"))
                    .as("lines starting with %s", option.name())
                    .filteredOn(line -> line.stripLeading().startsWith(option.label()))
                    .hasSize(1);
        }
        assertThat(CertifyOptions.USAGE.lines()).allMatch(line -> line.length() <= 105);
    }

    @Test
    void waiversRulesAndTestsParse() throws Exception {
        CertifyOptions o = CertifyOptions.parse(
                "--waive",
                "MQTT-QOS-9, OTHER-1",
                "--waived-by",
                "ana",
                "--waive-reason",
                "never QoS 2",
                "--rules=CHAN-BUF-1,CHAN-BUF-2",
                "--tests",
                "SubscribeTests#x,PublishTests");
        assertThat(o.waivers()).isEqualTo(new Waivers(Set.of("MQTT-QOS-9", "OTHER-1"), "ana", "never QoS 2"));
        assertThat(o.rules()).containsExactly("CHAN-BUF-1", "CHAN-BUF-2");
        assertThat(o.tests()).containsExactly("SubscribeTests#x", "PublishTests");
        assertThat(CertifyOptions.parse().waivers()).isEqualTo(Waivers.none());
        assertUsageError(certify("--waive"), "--waive needs a value");
        assertUsageError(certify("--rules", ","), "--rules needs a value");
    }

    @Test
    void onlyKnownReferenceRulesCanBeWaived() {
        assertUsageError(
                certifyWithCatalogue("--waive", "MQTT-PUB-1"),
                "--waive: MQTT-PUB-1 is a must rule (required by the sources); only reference rules can be waived");
        assertUsageError(certifyWithCatalogue("--waive", "NOPE-1"), "--waive: NOPE-1 is not a rule of the catalogue");
    }

    @Test
    void unknownRulesAndTestsAreUsageErrors() {
        assertUsageError(certifyWithCatalogue("--rules", "NOPE-1"), "--rules: NOPE-1 is not a rule of the catalogue");
        assertUsageError(certifyWithCatalogue("--tests", "NoSuchTests"), "--tests: no TCK test class NoSuchTests");
        assertUsageError(
                certifyWithCatalogue("--tests", "SubscribeTests#noSuchMethod"),
                "--tests: no test method noSuchMethod in dev.mvmqtt.tck.tests.messaging.SubscribeTests");
    }

    private void assertUsageError(Result r, String message) {
        assertThat(r.status()).as("exit status; err: %s", r.err()).isEqualTo(Certify.USAGE);
        assertThat(r.err()).contains(message).contains("--help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUsageError(certify("--bogus"), "Unknown option '--bogus'");
        assertUsageError(certify("stray"), "Unexpected argument 'stray'");
    }

    @Test
    void unknownTargetIsAUsageError() {
        Result r = certify("--targets", "hivemq-v5-tls,rabbitmq-v5-plain");
        assertUsageError(r, "--targets: Unknown target id 'rabbitmq-v5-plain'");
        assertThat(r.err()).contains("hivemq-v5-tls");
    }

    @Test
    void missingJarIsAUsageError() {
        assertUsageError(
                certify("--jar", tmp.resolve("nope.jar").toString()),
                "--jar: no such file: " + tmp.resolve("nope.jar"));
    }

    @Test
    void jarWithoutAnImplementationIsAUsageError() throws IOException {
        Path jar = tmp.resolve("empty.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(os, manifest)) {
            // no classes, no services file
        }
        assertUsageError(certify("--jar", jar.toString()), "The given jars hold no implementation");
    }

    @Test
    void aJarListingAMissingProviderClassIsOneClearLine() throws IOException {
        Path jar = tmp.resolve("dangling.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(os, manifest)) {
            j.putNextEntry(new JarEntry("META-INF/services/dev.mvmqtt.spec.api.MicrovisorProvider"));
            j.write("com.example.NotThere\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        Result r = certify("--jar", jar.toString());
        assertUsageError(r, "com.example.NotThere");
        assertThat(r.err()).contains("not found").doesNotContain("\tat ").doesNotContain("ServiceConfigurationError");
        assertThat(r.err().lines().count()).as("err: %s", r.err()).isEqualTo(2); // the error and the --help hint
    }

    @Test
    void anUnwritableOutputIsAUsageErrorBeforeTheRun() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        // the certify stub of this class fails if the catalogue is read, i.e. if the run would start
        assertUsageError(certify("--output", file.toString()), "--output: cannot write reports to " + file);
        assertUsageError(
                certify("--output", file.resolve("sub").toString()),
                "--output: cannot write reports to " + file.resolve("sub"));
        assertThat(certify("--output", file.toString()).err().lines().count()).isEqualTo(2);
    }

    @Test
    void unknownImplementationIsAUsageErrorNamingWhatIsPresent() {
        Result r = certify("--implementation", "acme");
        assertUsageError(r, "No Microvisor implementation named 'acme'");
        assertThat(r.err()).contains("Present:");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertUsageError(certify("--profile", "lenient"), "--profile: Bad value 'lenient'");
        assertUsageError(certify("--provisioning", "podman"), "--provisioning: Bad value 'podman'");
        assertUsageError(certify("--timeout-factor", "-1"), "--timeout-factor: expected a number between 0.1 and 100");
        assertUsageError(
                certify("--timeout-factor", "1e300"),
                "--timeout-factor: expected a number between 0.1 and 100, got 1e300");
        assertUsageError(
                certify("--timeout-factor", "0.001"), "--timeout-factor: expected a number between 0.1 and 100");
        assertUsageError(certify("--timeout-factor", "fast"), "--timeout-factor: 'fast' is not a number");
        assertUsageError(certify("--parallelism", "0"), "--parallelism: expected a positive whole number, got 0");
        assertUsageError(certify("--parallelism", "all"), "--parallelism: expected a positive whole number, got all");
        assertUsageError(certify("--external-port", "70000"), "--external-port: expected a port");
        assertUsageError(certify("--output"), "--output needs a value");
        assertUsageError(certify("--targets", "external-v5-plain"), "external-v5-plain needs --external-host");
        assertUsageError(
                certify("--external-host", "broker.example.invalid", "--targets", "external-v5-tls"),
                "external-v5-tls needs --external-ca-cert");
        assertUsageError(certify("--external-versions", "4"), "Unknown MQTT version '4'");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithoutEchoingIt() {
        Result r = certify("--external-password", "hunter2");
        assertUsageError(r, "--external-password-env");
        assertThat(r.err()).doesNotContain("hunter2");
        Result viaEquals = certify("--external-password=hunter2");
        assertThat(viaEquals.status()).isEqualTo(Certify.USAGE);
        assertThat(viaEquals.err()).doesNotContain("hunter2");
        assertUsageError(certify("--external-password-env", "MVMQTT_TEST_SURELY_UNSET_VARIABLE"), "is not set");
    }

    @Test
    void helpPrintsTheOptionsAndSucceeds() {
        Result r = certify("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("Usage: ./certify")
                .contains("--implementation")
                .contains("--jar")
                .contains("--targets")
                .contains("--provisioning")
                .contains("--profile")
                .contains("--output")
                .contains("--timeout-factor")
                .contains("--external-host");
        assertThat(certify("-h").out()).isEqualTo(r.out());
    }

    private record ClientFiles(Path cert, Path key) {}

    /** The material's client certificate and key as PEM files. */
    private ClientFiles clientFiles(TlsMaterial material, String name) throws IOException {
        Path cert = Files.writeString(
                tmp.resolve(name + "-client.pem"), TlsMaterial.pem("CERTIFICATE", material.clientCertificateDer()));
        Path key = Files.writeString(
                tmp.resolve(name + "-client-key.pem"),
                TlsMaterial.pem("PRIVATE KEY", material.clientPrivateKeyPkcs8Der()));
        return new ClientFiles(cert, key);
    }

    @Test
    void externalTlsListenerOptionsParseIntoSettings() throws Exception {
        ClientFiles c = clientFiles(TlsMaterial.generate(), "good");
        CertifyOptions o = CertifyOptions.parse(
                "--external-host",
                "broker.example.invalid",
                "--external-expired-tls-port",
                "18884",
                "--external-client-cert",
                c.cert().toString(),
                "--external-client-key=" + c.key(),
                "--external-client-cert-tls-port",
                "18885");
        assertThat(o.externalExpiredTlsPort()).isEqualTo(18884);
        assertThat(o.externalClientCertTlsPort()).isEqualTo(18885);
        assertThat(o.externalClientCert()).isEqualTo(c.cert());
        assertThat(o.externalClientKey()).isEqualTo(c.key());
        ExternalBroker e = o.settings(null).external();
        assertThat(e.expiredTlsPort()).hasValue(18884);
        assertThat(e.clientCertTlsPort()).hasValue(18885);
        assertThat(e.clientCert()).contains(c.cert().toAbsolutePath());
        assertThat(e.clientKey()).contains(c.key().toAbsolutePath());

        ExternalBroker none = CertifyOptions.parse("--external-host", "broker.example.invalid")
                .settings(null)
                .external();
        assertThat(none.expiredTlsPort()).isEmpty();
        assertThat(none.clientCert()).isEmpty();
        assertThat(none.clientCertTlsPort()).isEmpty();
    }

    @Test
    void badExternalTlsListenerOptionsAreOneLineUsageErrors() throws Exception {
        ClientFiles mine = clientFiles(TlsMaterial.generate(), "mine");
        ClientFiles other = clientFiles(TlsMaterial.generate(), "other");
        assertUsageError(
                certify("--external-expired-tls-port", "0"), "--external-expired-tls-port: expected a port 1..65535");
        assertUsageError(
                certify("--external-client-cert-tls-port", "x"),
                "--external-client-cert-tls-port: expected a port 1..65535, got 'x'");
        assertUsageError(
                certify("--external-client-cert", tmp.resolve("missing.pem").toString()),
                "--external-client-cert: no such file: " + tmp.resolve("missing.pem"));
        assertUsageError(
                certify("--external-client-cert", mine.cert().toString()),
                "--external-client-cert needs --external-client-key");
        assertUsageError(
                certify("--external-client-key", mine.key().toString()),
                "--external-client-key needs --external-client-cert");
        assertUsageError(
                certify("--external-client-cert-tls-port", "18885"),
                "--external-client-cert-tls-port needs --external-client-cert and --external-client-key");
        assertUsageError(
                certify(
                        "--external-client-cert",
                        mine.cert().toString(),
                        "--external-client-key",
                        other.key().toString()),
                "--external-client-cert / --external-client-key: the key in "
                        + other.key().toAbsolutePath() + " is not the key of the certificate in "
                        + mine.cert().toAbsolutePath());
        assertUsageError(
                certify(
                        "--external-client-cert",
                        mine.key().toString(),
                        "--external-client-key",
                        mine.key().toString()),
                "no X.509 certificate (PEM or DER) in " + mine.key().toAbsolutePath());
        Result swapped = certify(
                "--external-client-cert",
                mine.cert().toString(),
                "--external-client-key",
                mine.cert().toString());
        assertUsageError(
                swapped,
                "no unencrypted PKCS#8 EC key (PEM or DER) in " + mine.cert().toAbsolutePath());
        assertThat(swapped.err().strip().lines())
                .as("one line, then the --help hint")
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void goodOptionsParseIntoSettings() throws Exception {
        CertifyOptions o = CertifyOptions.parse(
                "--targets=hivemq-v5-tls, mosquitto-v311-plain",
                "--profile",
                "must",
                "--provisioning",
                "docker-free",
                "--output",
                tmp.resolve("out").toString(),
                "--timeout-factor",
                "2.5",
                "--external-host",
                "broker.example.invalid",
                "--external-port",
                "11883",
                "--external-versions",
                "5",
                "--parallelism",
                "1");
        assertThat(o.output()).isEqualTo(tmp.resolve("out"));
        TckSettings s = o.settings("reference");
        assertThat(s.implementation()).contains("reference");
        assertThat(s.targets())
                .containsExactly(TargetId.parse("hivemq-v5-tls"), TargetId.parse("mosquitto-v311-plain"));
        assertThat(s.profile()).isEqualTo(Profile.MUST);
        assertThat(s.provisioning()).isEqualTo(ProvisioningMode.DOCKER_FREE);
        assertThat(s.timeoutFactor()).isEqualTo(2.5);
        assertThat(s.parallelism()).isEqualTo(1);
        assertThat(s.external().host()).contains("broker.example.invalid");
        assertThat(s.external().port()).isEqualTo(11883);

        CertifyOptions all = CertifyOptions.parse("--targets", "all", "--external-host", "broker.example.invalid");
        assertThat(all.settings(null).targets())
                .hasSize(TargetId.MATRIX.size() + 2)
                .contains(TargetId.parse("external-v5-plain"), TargetId.parse("external-v311-plain"));

        CertifyOptions defaults = CertifyOptions.parse();
        assertThat(defaults.output()).isEqualTo(Path.of("mvmqtt-report"));
        assertThat(defaults.settings(null).targets()).isEqualTo(TargetId.MATRIX);
        assertThat(defaults.jars()).isEqualTo(List.of());
    }

    @Test
    void imageOptionsNameTheContainerImages() throws Exception {
        TckSettings s = CertifyOptions.parse(
                        "--hivemq-image",
                        "mvmqtt/hivemq-ce-local:2025.5",
                        "--mosquitto-image=mvmqtt/mosquitto-local:2.0.11")
                .settings(null);
        assertThat(s.images())
                .isEqualTo(new ContainerImages("mvmqtt/hivemq-ce-local:2025.5", "mvmqtt/mosquitto-local:2.0.11"));
        assertThat(CertifyOptions.parse().settings(null).images()).isEqualTo(ContainerImages.defaults());
        assertThat(CertifyOptions.parse("--hivemq-image", "h:1")
                        .settings(null)
                        .images()
                        .mosquitto())
                .isEqualTo(ContainerImages.MOSQUITTO);
        assertUsageError(certify("--mosquitto-image"), "--mosquitto-image needs a value");
        assertThat(certify("--help").out()).contains("--hivemq-image IMAGE").contains("--mosquitto-image IMAGE");
    }

    @Test
    void theDefaultImplementationIsTheReferenceWhenPresent() throws Exception {
        CertifyOptions none = CertifyOptions.parse();
        ClassLoader loader = getClass().getClassLoader();
        String chosen = Certify.chooseImplementation(none, loader, null);
        // only the reference implementation is on this class path: either it is chosen by name or it is the only one
        assertThat(chosen == null || chosen.equals("reference"))
                .as("chosen: %s", chosen)
                .isTrue();
        assertThat(dev.mvmqtt.spec.api.Microvisors.provider(chosen, loader).name())
                .isEqualTo("reference");
    }
}
