package dev.mvmqtt.tck.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what jqwik says about a property run: the seed ({@code seed = 123 | ...}) and the sample that
 * falsified it, preferring the shrunk sample ({@code Shrunk Sample (n steps)}), then {@code Sample} (a
 * re-run of a stored failure), then {@code Original Sample}; as a last resort the {@code failed with
 * sample {...}} text of the failure message. Lenient by design: unknown text yields nulls, never an error.
 */
final class JqwikReport {
    private static final Pattern SEED = Pattern.compile("(?m)^\\s*seed\\s*=\\s*(-?\\d+)");
    private static final Pattern HEADER =
            Pattern.compile("(?m)^\\s*(Shrunk Sample(?: \\(\\d+ steps?\\))?|Sample|Original Sample)\\s*$");
    private static final Pattern INLINE_SAMPLE = Pattern.compile("failed with sample (\\{.*})");

    private JqwikReport() {}

    static String seed(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SEED.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static String counterexample(String text) {
        if (text == null) {
            return null;
        }
        String shrunk = null;
        String sample = null;
        String original = null;
        Matcher m = HEADER.matcher(text);
        while (m.find()) {
            String header = m.group(1);
            String body = sectionBody(text, m.end());
            if (body == null) {
                continue;
            }
            if (header.startsWith("Shrunk")) {
                shrunk = shrunk == null ? body : shrunk;
            } else if (header.equals("Sample")) {
                sample = sample == null ? body : sample;
            } else {
                original = original == null ? body : original;
            }
        }
        if (shrunk != null) {
            return shrunk;
        }
        if (sample != null) {
            return sample;
        }
        if (original != null) {
            return original;
        }
        Matcher inline = INLINE_SAMPLE.matcher(text);
        return inline.find() ? firstLine(inline.group(1)) : null;
    }

    /** The indented lines after a header and its dashed underline, up to the next blank line. */
    private static String sectionBody(String text, int from) {
        String[] lines = text.substring(from).split("\\R", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i < lines.length && lines[i].trim().matches("-{3,}")) {
            i++;
        }
        List<String> body = new ArrayList<>();
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            body.add(lines[i].strip());
            if (body.size() >= 40) {
                body.add("...");
                break;
            }
        }
        return body.isEmpty() ? null : String.join("\n", body);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
