package dev.mvmqtt.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import org.apiguardian.api.API;

/**
 * The report as JSON, for machines: the {@link ComplianceReport} record as it is, every field present (null where a
 * value is absent), pretty-printed. The layout is documented in {@code reports/REPORT-SCHEMA.md}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JsonReportWriter implements ReportWriter {
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Override
    public String render(ComplianceReport report) {
        try {
            return mapper.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String fileName() {
        return "report.json";
    }

    /** Reads a report written by this writer back (for tools and tests). */
    public ComplianceReport read(String json) {
        try {
            return mapper.readValue(json, ComplianceReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
