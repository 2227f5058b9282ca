package dev.mvmqtt.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Writes a {@link ComplianceReport} in one format. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ReportWriter {
    /** The report as text. */
    String render(ComplianceReport report);

    /** The usual file name for this format, for example {@code report.json}. */
    String fileName();

    /** Writes the report into {@code directory} under {@link #fileName()} (UTF-8), creating the directory; returns the file. */
    default Path write(ComplianceReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName());
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
        return file;
    }
}
