package dev.mvmqtt.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium (the Debian {@code chromium} package; CI installs it) and checks what a
 * reader sees: the verdict and the matrix. Skipped, with the reason, where Chromium is not installed.
 */
class ChromiumRenderTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path tmp;

    private static Path html;

    @BeforeAll
    static void writeReport() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "headless Chromium check skipped: /usr/bin/chromium is not installed (apt-get install chromium)");
        html = new HtmlReportWriter().write(ReportWritersTest.mixedReport(), tmp.resolve("report"));
    }

    private static String chromium(String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("profile")));
        command.addAll(List.of(extra));
        command.add(html.toUri().toString());
        Path stdout = tmp.resolve("chromium.out");
        Path stderr = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s");
        }
        assertThat(p.exitValue())
                .as("chromium exit status; stderr: %s", Files.readString(stderr, StandardCharsets.UTF_8))
                .isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    @Test
    void renderedDomShowsTheVerdictAndTheMatrix() throws Exception {
        String dom = chromium("--dump-dom");
        assertThat(dom).contains("id=\"verdict-word\">NOT COMPLIANT</div>");
        assertThat(dom).contains("<table class=\"matrix\">");
        assertThat(dom).contains("<code>MQTT-PUB-1</code>");
        assertThat(dom)
                .containsPattern(
                        "<td class=\"cell FAIL\"><a href=\"#ev-MQTT-PUB-1--hivemq-v5-tls\"[^>]*>FAIL</a></td>");
        assertThat(dom).contains("id=\"ev-MQTT-PUB-1--hivemq-v5-tls\"");
        // the hostile statement arrived as text, not as an element
        assertThat(dom).doesNotContain("<script>alert");
    }

    @Test
    void screenshotIsAPicture() throws Exception {
        Path png = tmp.resolve("report.png");
        chromium("--screenshot=" + png, "--window-size=1280,2000", "--hide-scrollbars");
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
