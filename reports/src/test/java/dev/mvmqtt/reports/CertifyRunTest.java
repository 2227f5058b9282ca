package dev.mvmqtt.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.catalogue.Catalogue;
import dev.mvmqtt.tck.run.TckRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certify runs that reach the TCK, restricted to one test class so that they stay short. */
class CertifyRunTest {
    private static final String ONE_CLASS = "dev.mvmqtt.tck.tests.messaging.PublishTests";

    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {}

    private Result certify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Certify certify = new Certify(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> CatalogueRules.from(Catalogue.load()),
                (settings, progress) -> TckRunner.builder(settings)
                        .progress(progress)
                        .testClass(ONE_CLASS)
                        .configuration("jqwik.database", tmp.resolve("jqwik-db").toString())
                        .build()
                        .run());
        int status = certify.run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRunThatFailsNothingButLeavesMustRulesUncheckedIsIncompleteWithItsOwnExitStatus() throws IOException {
        Path output = tmp.resolve("report");
        Result r = certify("--targets", "hivemq-v5-plain", "--output", output.toString());
        assertThat(r.status())
                .as("exit status; out: %s; err: %s", r.out(), r.err())
                .isEqualTo(Certify.INCOMPLETE);
        assertThat(r.out()).contains("Verdict: INCOMPLETE. ").contains("is compliant on what could be checked");
        assertThat(Files.readString(output.resolve("report.json"))).contains("\"verdict\" : \"INCOMPLETE\"");
        String md = Files.readString(output.resolve("report.md"));
        assertThat(md).contains("INCOMPLETE (compliant on what could be checked)");
        // the brokers were profiled before the tests, and the report shows it
        assertThat(md)
                .contains("## Broker profile")
                .contains("| question | hivemq-v5-plain |")
                .contains("| 0x10 (no matching subscribers) |");
        assertThat(Files.readString(output.resolve("report.json")))
                .contains("\"brokerProfile\" : {")
                .contains("\"sessionTakeover\" : \"DISCONNECT 0x8E (session taken over)\"");
        assertThat(Files.readString(output.resolve("report.html")))
                .contains("<h2 id=\"broker-profile\">Broker profile</h2>");
    }

    @Test
    void whenNoSelectedTargetCanBeUsedTheRunCouldNotBeMade() throws IOException {
        Path output = tmp.resolve("report");
        Result r = certify(
                "--targets",
                "external-v5-plain",
                "--external-host",
                "127.0.0.1",
                "--external-port",
                String.valueOf(closedPort()),
                "--external-versions",
                "5",
                "--output",
                output.toString());
        assertThat(r.status())
                .as("exit status; out: %s; err: %s", r.out(), r.err())
                .isEqualTo(Certify.ERROR);
        assertThat(r.err().strip())
                .startsWith("certify: no selected target could be used:")
                .contains("external-v5-plain")
                .contains("did not accept a TCP connection")
                .doesNotContain("\n");
        // nothing is lost: the report of what happened is still written
        assertThat(output.resolve("report.json")).exists();
        assertThat(Files.readString(output.resolve("report.json"))).contains("UNAVAILABLE");
    }
}
