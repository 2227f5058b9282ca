package dev.mvmqtt.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mvmqtt.reports.CertifyOptions.UsageException;
import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.run.Redactor;
import dev.mvmqtt.tck.settings.TckSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./certify --broker-profile}: a broker operator's run. No implementation is certified; for every selected
 * target the kit's observer asks the broker what MQTT lets brokers answer differently ({@link BrokerProfiles}), and
 * the answers are written side by side: {@code broker-profile.json}, {@code broker-profile.md}, and the same table
 * on the console. Takes certify's target, external-broker, provisioning, timeout and output options.
 */
final class BrokerProfileCommand {
    private final PrintStream out;
    private final PrintStream err;

    BrokerProfileCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(CertifyOptions options) {
        TckSettings settings;
        Path dir;
        try {
            options.checkOutputWritable();
            settings = options.settings(null);
            dir = options.output().toAbsolutePath().normalize();
        } catch (UsageException e) {
            err.println("certify: " + Redactor.redact(e.getMessage()));
            err.println("Run ./certify --help for the options.");
            return Certify.USAGE;
        }
        BrokerProfiles profiles;
        try {
            profiles = BrokerProfiles.observe(settings, out);
        } finally {
            BrokerPool.closeShared();
        }
        try {
            Files.createDirectories(dir);
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.resolve("broker-profile.json").toFile(), profiles);
            String md =
                    "# Broker profile\n\nWhat each broker did where MQTT lets brokers differ, observed by the kit's "
                            + "own MQTT client.\n\n" + profiles.markdownTable();
            Files.writeString(dir.resolve("broker-profile.md"), md, StandardCharsets.UTF_8);
            out.println();
            out.print(md);
            out.println();
            out.println("Broker profile written to " + dir + ": broker-profile.json, broker-profile.md");
        } catch (IOException e) {
            err.println("certify: cannot write the broker profile: " + Redactor.redact(e.toString()));
            return Certify.ERROR;
        }
        if (profiles.noneProfiled()) {
            err.println("certify: no selected target could be profiled");
            return Certify.ERROR;
        }
        return Certify.COMPLIANT;
    }
}
