package dev.mvmqtt.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./certify --broker-profile} profiles the selected brokers side by side, with no implementation. */
class BrokerProfileCommandTest {
    @TempDir
    Path tmp;

    @Test
    void profilesEachSelectedTargetSideBySide() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path output = tmp.resolve("profile");
        int status = new Certify(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(
                        "--broker-profile",
                        "--targets",
                        "hivemq-v5-plain,mosquitto-v311-plain",
                        "--output",
                        output.toString());
        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status; out: %s; err: %s", console, err).isEqualTo(Certify.COMPLIANT);

        String md = Files.readString(output.resolve("broker-profile.md"));
        assertThat(md).contains("| question | hivemq-v5-plain | mosquitto-v311-plain |");
        assertThat(line(md, "PUBACK reason code"))
                .contains("| 0x10 (no matching subscribers) |")
                .contains("n/a (an MQTT 3.1.1 PUBACK has no code)");
        assertThat(line(md, "QoS granted")).contains("0→0, 1→1, 2→2");
        assertThat(line(md, "how the first connection ends"))
                .contains("DISCONNECT 0x8E (session taken over)")
                .contains("closed (MQTT 3.1.1 has no server DISCONNECT)");
        assertThat(line(md, "session present after reconnecting without clean start ("))
                .contains("| session present |");
        assertThat(line(md, "retained message")).contains("delivered, retain flag set");
        assertThat(line(md, "wills published after a graceful DISCONNECT")).contains("| none of 20 | none of 20 |");
        assertThat(md).doesNotContain("failed:");
        assertThat(console).contains("[hivemq-v5-plain] broker profiled in ").contains("| question |");

        String json = Files.readString(output.resolve("broker-profile.json"));
        assertThat(json)
                .contains("\"pubackNoSubscribers\" : \"0x10 (no matching subscribers)\"")
                .contains("\"target\" : \"mosquitto-v311-plain\"");
    }

    @Test
    void aTargetThatCannotBeReachedIsListedWithWhyAndTheRunCouldNotBeMade() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path output = tmp.resolve("none");
        int status = new Certify(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(
                        "--broker-profile",
                        "--targets",
                        "external-v5-plain",
                        "--external-host",
                        "127.0.0.1",
                        "--external-port",
                        "1",
                        "--output",
                        output.toString());
        assertThat(status).isEqualTo(Certify.ERROR);
        assertThat(Files.readString(output.resolve("broker-profile.md")))
                .contains("not available: external broker 127.0.0.1:1 did not accept a TCP connection");
    }

    private static String line(String md, String question) {
        return md.lines()
                .filter(l -> l.contains(question))
                .findFirst()
                .orElseThrow(() -> new AssertionError(question + " in " + md));
    }
}
