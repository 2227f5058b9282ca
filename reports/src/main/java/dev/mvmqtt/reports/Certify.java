package dev.mvmqtt.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mvmqtt.reports.CertifyOptions.UsageException;
import dev.mvmqtt.spec.api.MicrovisorProvider;
import dev.mvmqtt.spec.api.Microvisors;
import dev.mvmqtt.spec.catalogue.Catalogue;
import dev.mvmqtt.tck.run.Redactor;
import dev.mvmqtt.tck.run.TargetSummary;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TckRunner;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The certify command: runs the TCK against an implementation and writes the compliance report.
 *
 * <pre>
 * ./certify                                   # the reference implementation, the 8 local targets
 * ./certify --jar my-impl.jar --implementation mine --targets hivemq-v5-tls,mosquitto-v5-tls
 * </pre>
 *
 * <p>Exit status: 0 COMPLIANT, 1 NOT_COMPLIANT, 2 bad options (an unwritable {@code --output}, a jar whose provider
 * class is missing, a timeout factor out of range), 3 the run could not be made (no selected target could be used,
 * whose reports are still written), 4 INCOMPLETE (nothing failed, but some must rules could not be checked on the
 * selected targets; the report lists them with why). Progress per target goes
 * to standard output while it runs; then where the reports landed and the verdict. No credential is printed.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Certify {
    /** Exit status for a compliant verdict. */
    public static final int COMPLIANT = 0;
    /** Exit status for a non-compliant verdict. */
    public static final int NOT_COMPLIANT = 1;
    /** Exit status for bad options. */
    public static final int USAGE = 2;
    /** Exit status when the run could not be made (no catalogue, no selected target usable, a write failed). */
    public static final int ERROR = 3;
    /** Exit status for an incomplete verdict: nothing failed, some must rules could not be checked on these targets. */
    public static final int INCOMPLETE = 4;

    private static final int MAX_LISTED = 25;

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<List<RuleGroup>> catalogue;
    private final BiFunction<TckSettings, PrintStream, TckRunResult> runner;

    /** A command writing to these streams, reading the catalogue from the class path. */
    public Certify(PrintStream out, PrintStream err) {
        this(out, err, () -> CatalogueRules.from(Catalogue.load()));
    }

    Certify(PrintStream out, PrintStream err, Supplier<List<RuleGroup>> catalogue) {
        this(
                out,
                err,
                catalogue,
                (settings, progress) ->
                        TckRunner.builder(settings).progress(progress).build().run());
    }

    /** With {@code runner} in place of the whole TCK (tests run a part of it). */
    Certify(
            PrintStream out,
            PrintStream err,
            Supplier<List<RuleGroup>> catalogue,
            BiFunction<TckSettings, PrintStream, TckRunResult> runner) {
        this.out = out;
        this.err = err;
        this.catalogue = catalogue;
        this.runner = runner;
    }

    public static void main(String[] args) {
        System.exit(new Certify(System.out, System.err).run(args));
    }

    /** Runs the command; returns the exit status. */
    public int run(String... args) {
        CertifyOptions options;
        try {
            options = CertifyOptions.parse(args);
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
        if (options.help()) {
            out.print(CertifyOptions.USAGE);
            return COMPLIANT;
        }
        if (options.brokerProfile()) {
            return new BrokerProfileCommand(out, err).run(options);
        }

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        URLClassLoader jarLoader = null;
        try {
            ClassLoader loader = previous != null ? previous : Certify.class.getClassLoader();
            if (!options.jars().isEmpty()) {
                jarLoader = new URLClassLoader("certify-jars", urls(options.jars()), loader);
                loader = jarLoader;
            }
            Thread.currentThread().setContextClassLoader(loader);
            return certify(options, loader, jarLoader);
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("certify: cannot write the reports: " + Redactor.redact(e.toString()));
            return ERROR;
        } catch (RuntimeException e) {
            err.println("certify: the run failed: " + Redactor.redact(e.toString()));
            return ERROR;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            if (jarLoader != null) {
                try {
                    jarLoader.close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
        }
    }

    /** Checks the options against the implementation and catalogue, runs the TCK, writes and tells the verdict. */
    private int certify(CertifyOptions options, ClassLoader loader, ClassLoader jarLoader)
            throws UsageException, IOException {
        String selector = implementation(options, loader, jarLoader);
        options.checkOutputWritable();
        TckSettings settings = options.settings(selector);
        List<RuleGroup> rules;
        try {
            rules = catalogue.get();
        } catch (RuntimeException e) {
            err.println(
                    "certify: cannot read the assertion catalogue: " + Redactor.redact(String.valueOf(e.getMessage())));
            return ERROR;
        }
        Waivers waivers = options.waivers();
        checkRuleIds(options, waivers, rules);

        // The brokers' profile first, through the shared pool: the TCK run that follows reuses these brokers. A run
        // narrowed to some rules or tests takes it too: where the profile sees a broker race a client's last packets
        // against the close behind them, the tests that depend on them end not checked instead of failing the device.
        Supplier<TckRunResult> tck = tckRun(options, settings);
        BrokerProfiles profile = BrokerProfiles.observe(settings, out);
        TckRunResult result = tck.get();
        List<String> selection = selection(options);
        if (!selection.isEmpty()) {
            rules = narrowToSelection(options, result, rules);
        }
        ComplianceReport report = ReportBuilder.build(
                        result,
                        rules,
                        KitInfo.detect(),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        waivers,
                        selection)
                .withBrokerProfile(profile);
        writeReports(report, options.output().toAbsolutePath().normalize());
        printFailures(report);
        printDeviations(report, waivers);
        out.println("Verdict: " + report.verdict().name() + ". " + Redactor.redact(report.verdictText()));
        out.flush();
        String unusable = noUsableTarget(settings, result);
        if (unusable != null) {
            // nothing the implementation did was checked against a broker: a problem of the run, not a verdict
            err.println("certify: no selected target could be used: " + Redactor.redact(unusable));
            return ERROR;
        }
        return switch (report.verdict()) {
            case COMPLIANT -> COMPLIANT;
            case INCOMPLETE -> INCOMPLETE;
            case NOT_COMPLIANT -> NOT_COMPLIANT;
        };
    }

    /** The implementation chosen, checked to be loadable now rather than failing in every test. */
    private static String implementation(CertifyOptions options, ClassLoader loader, ClassLoader jarLoader)
            throws UsageException {
        try {
            String selector = chooseImplementation(options, loader, jarLoader);
            Microvisors.provider(selector, loader); // fails now, naming what is present, rather than in every test
            return selector;
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        } catch (ServiceConfigurationError e) {
            // a jar's services file names a class that is missing or unusable: the user's input, one line
            throw new UsageException("cannot load the implementations: " + providerProblem(e));
        }
    }

    /** The waived and the {@code --rules} ids must be rules of the catalogue (waivers: reference rules). */
    private static void checkRuleIds(CertifyOptions options, Waivers waivers, List<RuleGroup> rules)
            throws UsageException {
        Map<String, String> levels = new HashMap<>();
        rules.forEach(g -> g.rules().forEach(r -> levels.put(r.id(), r.level())));
        String waiverProblem = waivers.problem(levels);
        if (waiverProblem != null) {
            throw new UsageException(waiverProblem);
        }
        for (String id : options.rules()) {
            if (!levels.containsKey(id)) {
                throw new UsageException("--rules: " + id + " is not a rule of the catalogue");
            }
        }
    }

    /**
     * The whole TCK, or for {@code --rules}/{@code --tests} the tests naming the rules, or the tests named; made
     * before anything runs, so that a test name that does not exist is a usage error at once.
     */
    private Supplier<TckRunResult> tckRun(CertifyOptions options, TckSettings settings) throws UsageException {
        if (options.rules().isEmpty() && options.tests().isEmpty()) {
            return () -> runner.apply(settings, out);
        }
        TckRunner.Builder narrowed = TckRunner.builder(settings).progress(out);
        if (!options.rules().isEmpty()) {
            narrowed.rules(options.rules());
        }
        if (!options.tests().isEmpty()) {
            try {
                narrowed.tests(options.tests());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--tests: " + e.getMessage());
            }
        }
        TckRunner run = narrowed.build();
        return run::run;
    }

    /** How the run was narrowed, for the report; empty for a whole run. */
    private static List<String> selection(CertifyOptions options) {
        List<String> selection = new ArrayList<>();
        if (!options.rules().isEmpty()) {
            selection.add("--rules " + String.join(",", options.rules()));
        }
        if (!options.tests().isEmpty()) {
            selection.add("--tests " + String.join(",", options.tests()));
        }
        return selection;
    }

    /** A narrowed run answers for what it selected: the rules asked for, or those the selected tests name. */
    private List<RuleGroup> narrowToSelection(CertifyOptions options, TckRunResult result, List<RuleGroup> rules) {
        Set<String> selected = new HashSet<>(options.rules());
        if (options.rules().isEmpty()) {
            result.records().forEach(r -> selected.addAll(r.ids()));
        }
        out.println("Narrowed run (--rules/--tests): the verdict covers only the " + selected.size()
                + " rule(s) selected, not the whole catalogue.");
        return narrow(rules, selected);
    }

    private void writeReports(ComplianceReport report, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportWriter w : List.of(new JsonReportWriter(), new HtmlReportWriter(), new MarkdownReportWriter())) {
            written.add(w.write(report, dir));
        }
        out.println();
        out.println("Reports written to " + dir + ":");
        written.forEach(p -> out.println("  " + p.getFileName()));
    }

    /** The must rules that failed or were not checked, the first {@value #MAX_LISTED} of them. */
    private void printFailures(ComplianceReport report) {
        if (report.failures().isEmpty()) {
            return;
        }
        out.println("Must rules that failed or were not checked ("
                + report.failures().size() + "):");
        int shown = 0;
        for (ComplianceReport.RuleFinding f : report.failures()) {
            if (shown++ == MAX_LISTED) {
                out.println("  ... and " + (report.failures().size() - MAX_LISTED) + " more: see report.html");
                break;
            }
            String message = firstLine(f.firstMessage()).replaceFirst("^not checked: ", "");
            out.println("  " + f.id() + " " + f.status().name().replace('_', ' ')
                    + (f.targets().isEmpty() ? "" : " on " + String.join(", ", f.targets()))
                    + ": " + Redactor.redact(message));
        }
    }

    /** The deviations, those not waived (and whether they fail the profile) and those waived. */
    private void printDeviations(ComplianceReport report, Waivers waivers) {
        if (report.deviations().isEmpty()) {
            return;
        }
        boolean strict = "strict".equals(report.run().profile());
        List<String> unwaived = report.deviations().stream()
                .map(ComplianceReport.RuleFinding::id)
                .filter(id -> !waivers.waives(id))
                .toList();
        List<String> waived = report.deviations().stream()
                .map(ComplianceReport.RuleFinding::id)
                .filter(waivers::waives)
                .toList();
        if (!unwaived.isEmpty()) {
            out.println("Deviations from the reference"
                    + (strict ? " (they fail the strict profile; accept one by name with --waive ID): " : ": ")
                    + String.join(", ", unwaived));
        }
        if (!waived.isEmpty()) {
            out.println("Deviations waived" + (waivers.by() == null ? "" : " by " + Redactor.redact(waivers.by()))
                    + ": " + String.join(", ", waived));
        }
    }

    /**
     * Null when at least one selected target was available; else every selected target with its reason, on one line.
     */
    static String noUsableTarget(TckSettings settings, TckRunResult result) {
        List<String> selected = settings.targets().stream().map(TargetId::id).toList();
        List<TargetSummary> statuses = result.targets().stream()
                .filter(t -> selected.contains(t.target()))
                .toList();
        if (statuses.isEmpty() || statuses.stream().anyMatch(TargetSummary::available)) {
            return null;
        }
        return statuses.stream()
                .map(t -> t.target() + " "
                        + t.availability().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (t.reason() == null ? "" : " (" + firstLine(t.reason()) + ")"))
                .collect(Collectors.joining("; "));
    }

    /** The service loader's complaint without its interface-name prefix, e.g. {@code Provider x.Y not found}. */
    private static String providerProblem(ServiceConfigurationError e) {
        String m = String.valueOf(e.getMessage());
        String prefix = MicrovisorProvider.class.getName() + ": ";
        m = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
        return firstLine(m) + " (listed in META-INF/services/" + MicrovisorProvider.class.getName() + ")";
    }

    private int usage(String message) {
        err.println("certify: " + Redactor.redact(message));
        err.println("Run ./certify --help for the options.");
        return USAGE;
    }

    /**
     * The implementation to certify: the one named; else the single provider a {@code --jar} brings; else
     * {@code reference} when several are present and one is named so; else null (the only one present).
     */
    static String chooseImplementation(CertifyOptions options, ClassLoader loader, ClassLoader jarLoader) {
        if (options.implementation() != null) {
            return options.implementation();
        }
        String fromProperty = System.getProperty(TckSettings.IMPLEMENTATION);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty.trim();
        }
        List<MicrovisorProvider> all = Microvisors.all(loader);
        if (jarLoader != null) {
            List<MicrovisorProvider> fromJars = all.stream()
                    .filter(p -> p.getClass().getClassLoader() == jarLoader)
                    .toList();
            if (fromJars.size() == 1) {
                return fromJars.get(0).name();
            }
            if (fromJars.size() > 1) {
                throw new IllegalStateException("The given jars hold several implementations ("
                        + fromJars.stream().map(MicrovisorProvider::name).collect(Collectors.joining(", "))
                        + "); choose one with --implementation NAME");
            }
            throw new IllegalStateException(
                    "The given jars hold no implementation: a jar must list its provider in " + "META-INF/services/"
                            + MicrovisorProvider.class.getName() + " (or name one with --implementation)");
        }
        if (all.size() > 1 && all.stream().anyMatch(p -> p.name().equals("reference"))) {
            return "reference";
        }
        return null;
    }

    /** The catalogue with only the rules in {@code keep} (groups left empty dropped). */
    static List<RuleGroup> narrow(List<RuleGroup> catalogue, Set<String> keep) {
        List<RuleGroup> out = new ArrayList<>();
        for (RuleGroup g : catalogue) {
            List<Rule> kept =
                    g.rules().stream().filter(r -> keep.contains(r.id())).toList();
            if (!kept.isEmpty()) {
                out.add(new RuleGroup(g.name(), g.title(), kept));
            }
        }
        return out;
    }

    private static URL[] urls(List<Path> jars) throws MalformedURLException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        return urls;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
