package dev.mvmqtt.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mvmqtt.tck.run.Availability;
import dev.mvmqtt.tck.run.Outcome;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The compliance report: the answer a TCK run gives about one implementation, ready to be written as JSON, HTML or
 * Markdown. Built by {@link ReportBuilder}; every text in it has been through the recorder's redaction. The JSON form
 * is this record as it is; {@code reports/REPORT-SCHEMA.md} documents every field.
 *
 * @param schemaVersion  version of this document's layout ({@value #SCHEMA_VERSION})
 * @param verdict        {@code COMPLIANT}, {@code NOT_COMPLIANT} or {@code INCOMPLETE}
 * @param verdictText    the verdict in one sentence
 * @param generatedAt    when the report was made (ISO-8601 instant)
 * @param implementation what was certified
 * @param kit            the kit that certified it
 * @param run            when and how the run went
 * @param environment    where it ran
 * @param summary        counts
 * @param failures       the {@code must} rules that failed or were not checked, with where and why
 * @param deviations     the {@code reference} rules that failed: differences from the reference, not failures
 * @param skippedTargets selected targets that could not be used, with the reason
 * @param targets        every target column of the matrix, with its availability and counts
 * @param matrix         the rules grouped as the catalogue groups them, by target
 * @param problems       results that belong to no catalogue rule (a container that failed without ids, an id the
 *                       catalogue does not know): listed so nothing is lost
 * @param waivers        the deviations the certifier waived by name ({@code --waive}), with who and why
 * @param brokerProfile  what each selected target's broker did where MQTT lets brokers differ, or null when the
 *                       run did not profile the brokers
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ComplianceReport(
        String schemaVersion,
        Verdict verdict,
        String verdictText,
        String generatedAt,
        Implementation implementation,
        Kit kit,
        Run run,
        Environment environment,
        Summary summary,
        List<RuleFinding> failures,
        List<RuleFinding> deviations,
        List<SkippedTarget> skippedTargets,
        List<TargetColumn> targets,
        List<MatrixGroup> matrix,
        List<Problem> problems,
        List<Waiver> waivers,
        BrokerProfiles brokerProfile) {

    /** A report without a broker profile. */
    public ComplianceReport(
            String schemaVersion,
            Verdict verdict,
            String verdictText,
            String generatedAt,
            Implementation implementation,
            Kit kit,
            Run run,
            Environment environment,
            Summary summary,
            List<RuleFinding> failures,
            List<RuleFinding> deviations,
            List<SkippedTarget> skippedTargets,
            List<TargetColumn> targets,
            List<MatrixGroup> matrix,
            List<Problem> problems,
            List<Waiver> waivers) {
        this(
                schemaVersion,
                verdict,
                verdictText,
                generatedAt,
                implementation,
                kit,
                run,
                environment,
                summary,
                failures,
                deviations,
                skippedTargets,
                targets,
                matrix,
                problems,
                waivers,
                null);
    }

    /** This report with {@code profile} as its broker profile. */
    public ComplianceReport withBrokerProfile(BrokerProfiles profile) {
        return new ComplianceReport(
                schemaVersion,
                verdict,
                verdictText,
                generatedAt,
                implementation,
                kit,
                run,
                environment,
                summary,
                failures,
                deviations,
                skippedTargets,
                targets,
                matrix,
                problems,
                waivers,
                profile);
    }

    /** The layout version written into every report. */
    public static final String SCHEMA_VERSION = "1";

    /** The overall answer. */
    public enum Verdict {
        /**
         * Every {@code must} rule passed at least once and failed nowhere; under the strict profile, also no
         * {@code reference} rule deviates unless waived.
         */
        COMPLIANT,
        /**
         * A {@code must} rule failed somewhere, or (strict profile) a {@code reference} rule deviates and was not
         * waived, or no {@code must} rule could be checked at all.
         */
        NOT_COMPLIANT,
        /**
         * Nothing failed, but some {@code must} rules could not be checked on the selected targets (for example the
         * authentication rules on an external broker without credentials, the TLS rules with no TLS target): compliant
         * on what could be checked. The rules left unchecked are the {@code NOT_CHECKED} findings, each with its reason.
         */
        INCOMPLETE
    }

    /** A rule's overall status. */
    public enum RuleStatus {
        /** Passed at least once, failed nowhere. */
        PASS,
        /** A {@code must} rule that failed on at least one target. */
        FAIL,
        /** A {@code reference} rule that failed on at least one target: a deviation from the reference. */
        DEVIATION,
        /** No passing or failing result at all (for a {@code must} rule, a failure of the verdict). */
        NOT_CHECKED
    }

    /** One cell of the matrix. */
    public enum CellStatus {
        /** At least one test passed, none failed. */
        PASS,
        /** At least one test failed. */
        FAIL,
        /** Tests exist but were skipped or aborted (for example the target is unavailable). */
        SKIP,
        /** No test of this rule ran on this target. */
        NONE
    }

    /**
     * @param name      the provider's name
     * @param version   the provider's version
     * @param className the provider's class
     */
    public record Implementation(String name, String version, String className) {}

    /**
     * @param version    the kit's version
     * @param checksum   {@code sha256:<hex>} of the TCK jar, or of the TCK classes directory's content
     * @param checksumOf what was hashed: {@code jar <file name>} or {@code classes directory}
     */
    public record Kit(String version, String checksum, String checksumOf) {}

    /**
     * @param started        when the run started (ISO-8601 instant)
     * @param finished       when it finished (ISO-8601 instant)
     * @param durationMillis how long it took
     * @param profile        {@code strict} or {@code must}
     * @param provisioning   the provisioning mode asked for: {@code auto}, {@code testcontainers}, {@code docker-free}
     * @param timeoutFactor  the timeout factor
     * @param selectedTargets the target ids selected
     * @param implementationSelector the {@code mvmqtt.implementation} value, or null when the only provider was used
     * @param external       the external broker as configured, without credentials ({@code host}, {@code port},
     *                       {@code tlsPort}, {@code versions}, {@code caCert}, {@code expiredTlsPort}, {@code clientCert},
     *                       {@code clientCertTlsPort}, {@code credentials}: set or none), or
     *                       null when none is configured
     * @param selection      how the run was narrowed ({@code --rules ...}, {@code --tests ...}); empty when the whole
     *                       TCK ran against the whole catalogue
     */
    public record Run(
            String started,
            String finished,
            long durationMillis,
            String profile,
            String provisioning,
            double timeoutFactor,
            List<String> selectedTargets,
            String implementationSelector,
            Map<String, String> external,
            List<String> selection) {}

    /**
     * @param javaVersion  {@code java.version}
     * @param javaVendor   {@code java.vendor}
     * @param javaRuntime  {@code java.runtime.name} and {@code java.vm.version}
     * @param os           {@code os.name os.version}
     * @param arch         {@code os.arch}
     * @param processors   available processors
     * @param brokers      per available target: {@code provisioning broker version}, for example
     *                     {@code embedded hivemq 2025.5}
     */
    public record Environment(
            String javaVersion,
            String javaVendor,
            String javaRuntime,
            String os,
            String arch,
            int processors,
            String testcontainers,
            Map<String, String> brokers) {}

    /**
     * @param rules             catalogue rules in the report
     * @param mustRules         of them, {@code must}
     * @param mustPassed        {@code must} rules that passed
     * @param mustFailed        {@code must} rules that failed
     * @param mustNotChecked    {@code must} rules with no result
     * @param referenceRules    {@code reference} rules
     * @param referencePassed   {@code reference} rules that passed
     * @param deviations        {@code reference} rules that failed
     * @param referenceNotChecked {@code reference} rules with no result
     * @param tests             test records (not containers)
     * @param testsPassed       of them passed
     * @param testsFailed       failed
     * @param testsSkipped      skipped
     * @param testsAborted      aborted
     * @param containerProblems containers that failed, aborted or were skipped as a whole
     * @param targetsAvailable  target columns that were available
     * @param targetsSkipped    selected targets that were unavailable or not run
     */
    public record Summary(
            int rules,
            int mustRules,
            int mustPassed,
            int mustFailed,
            int mustNotChecked,
            int referenceRules,
            int referencePassed,
            int deviations,
            int referenceNotChecked,
            int tests,
            int testsPassed,
            int testsFailed,
            int testsSkipped,
            int testsAborted,
            int containerProblems,
            int targetsAvailable,
            int targetsSkipped) {}

    /**
     * A rule that failed (or deviates, or was not checked).
     *
     * @param id          the rule id
     * @param group       its catalogue group
     * @param level       {@code must} or {@code reference}
     * @param statement   the rule in words
     * @param status      {@code FAIL}, {@code DEVIATION} or {@code NOT_CHECKED}
     * @param targets     the targets where it failed (empty when not checked)
     * @param firstMessage the first failure message, or for NOT_CHECKED why (no test ran, or every test was skipped)
     * @param evidence    anchors of the matrix cells holding the evidence
     */
    public record RuleFinding(
            String id,
            String group,
            String level,
            String statement,
            RuleStatus status,
            List<String> targets,
            String firstMessage,
            List<String> evidence) {}

    /**
     * @param target the target id
     * @param status {@code UNAVAILABLE} or {@code NOT_RUN}
     * @param reason why
     */
    public record SkippedTarget(String target, Availability status, String reason) {}

    /**
     * A column of the matrix.
     *
     * @param id            target id or {@code device}
     * @param status        {@code AVAILABLE}, {@code UNAVAILABLE} or {@code NOT_RUN}
     * @param reason        why it is not available, or null
     * @param broker        broker family or {@code none}
     * @param mqttVersion   {@code 3.1.1}, {@code 5} or {@code none}
     * @param transport     {@code plain}, {@code tls} or {@code none}
     * @param provisioning  how it was provisioned, or {@code none}
     * @param brokerVersion the broker's version, or null
     * @param selected      whether the run selected it ({@code device} is always a column, never selected)
     * @param passed        test records on it that passed
     * @param failed        that failed
     * @param skipped       that were skipped or aborted
     */
    public record TargetColumn(
            String id,
            Availability status,
            String reason,
            String broker,
            String mqttVersion,
            String transport,
            String provisioning,
            String brokerVersion,
            boolean selected,
            int passed,
            int failed,
            int skipped) {}

    /**
     * @param name  the group name
     * @param title the group title
     * @param failing rules in it that failed, deviate or are {@code must} and not checked
     * @param rows  its rules, failing first, then in catalogue order
     */
    public record MatrixGroup(String name, String title, int failing, List<MatrixRow> rows) {}

    /**
     * @param id           the rule id
     * @param level        {@code must} or {@code reference}
     * @param source       where it comes from
     * @param statement    the rule in words
     * @param mqttVersions versions it applies to
     * @param calls        calls it concerns
     * @param needsBroker  whether it needs a broker
     * @param status       overall status
     * @param cells        one per column, in the order of {@code targets}
     * @param proven       whether the kit has proven that its tests catch a violation of this rule (a built-in broken
     *                     implementation violating it is rejected with a failure blamed on it)
     */
    public record MatrixRow(
            String id,
            String level,
            String source,
            String statement,
            List<String> mqttVersions,
            List<String> calls,
            boolean needsBroker,
            RuleStatus status,
            List<MatrixCell> cells,
            boolean proven) {}

    /**
     * @param target   the column's target id
     * @param status   {@code PASS}, {@code FAIL}, {@code SKIP} or {@code NONE}
     * @param anchor   the id of its evidence (HTML anchor), or null when there is none
     * @param evidence the test records for this rule on this target, failures first
     */
    public record MatrixCell(String target, CellStatus status, String anchor, List<Evidence> evidence) {}

    /**
     * One test record as evidence.
     *
     * @param test           {@code Class#method [display name]}
     * @param uniqueId       the JUnit Platform unique id
     * @param outcome        {@code PASSED}, {@code FAILED}, {@code SKIPPED} or {@code ABORTED}
     * @param durationMillis how long it ran
     * @param reason         why it was skipped or aborted, or null
     * @param message        the failure message, or null
     * @param counterexample the shrunk counterexample of a failed property, or null
     * @param seed           the property's seed, or null
     * @param provisioning   how the target was provisioned
     * @param brokerVersion  the broker's version, or null
     * @param container      true when this records a whole container (class or template)
     */
    public record Evidence(
            String test,
            String uniqueId,
            Outcome outcome,
            long durationMillis,
            String reason,
            String message,
            String counterexample,
            String seed,
            String provisioning,
            String brokerVersion,
            boolean container) {}

    /**
     * @param kind     {@code NO_IDS} (a failure that names no rule) or {@code UNKNOWN_ID} (names an id the catalogue
     *                 does not have)
     * @param ids      the ids it names (unknown ones for {@code UNKNOWN_ID})
     * @param target   its target
     * @param evidence the record
     */
    public record Problem(String kind, List<String> ids, String target, Evidence evidence) {}

    /**
     * A deviation the certifier accepted by name.
     *
     * @param id       the waived {@code reference} rule
     * @param by       who waived it, or null when not given
     * @param reason   why, or null when not given
     * @param deviated whether the rule deviated in this run (a waiver of a rule that passed changes nothing)
     */
    public record Waiver(String id, String by, String reason, boolean deviated) {}
}
