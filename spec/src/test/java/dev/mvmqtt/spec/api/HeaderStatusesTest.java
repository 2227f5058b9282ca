package dev.mvmqtt.spec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvmqtt.spec.api.codes.MvStatus;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The per-call status table (GEN-STATUS-1) and Microvisor's {@code @return} lines say the same, call by call. */
class HeaderStatusesTest {
    private static final Set<MvStatus> READ_EXTRAS = Set.of(MvStatus.WRONGDATAREQUESTED, MvStatus.RESPONSENOTPRESENT);

    @Test
    void everyHeaderCallOfMicrovisorHasARow() {
        Set<String> headerCalls = Arrays.stream(Microvisor.class.getDeclaredMethods())
                .map(Method::getName)
                .filter(n -> n.startsWith("mv"))
                .collect(Collectors.toSet());
        assertThat(HeaderStatuses.calls()).containsExactlyInAnyOrderElementsOf(headerCalls);
        assertThatThrownBy(() -> HeaderStatuses.of("registerIrqHandler")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJavadocReturnLinesListTheHeadersStatuses() throws IOException {
        String source = Files.readString(
                Path.of(System.getProperty("basedir", "."), "src/main/java/dev/mvmqtt/spec/api/Microvisor.java"));
        for (String call : HeaderStatuses.calls()) {
            Set<MvStatus> expected = new LinkedHashSet<>(HeaderStatuses.of(call));
            if (call.startsWith("mvMqttRead") || call.startsWith("mvMqttReceive")) {
                expected.removeAll(READ_EXTRAS);
            }
            assertThat(returnLine(source, call))
                    .as("@return of %s", call)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The statuses named on {@code call}'s {@code @return} line, following "as {@link #other}". */
    private static Set<MvStatus> returnLine(String source, String call) {
        Matcher m = Pattern.compile(
                        "@return((?:(?!\\*/).)*)\\*/\\s*MvStatus\\s+" + Pattern.quote(call) + "\\s*\\(", Pattern.DOTALL)
                .matcher(source);
        assertThat(m.find()).as("@return of %s", call).isTrue();
        String text = m.group(1);
        Matcher as = Pattern.compile("as \\{@link #(\\w+)}").matcher(text);
        if (as.find()) {
            return returnLine(source, as.group(1));
        }
        Set<MvStatus> out = new LinkedHashSet<>();
        Matcher word = Pattern.compile("\\b[A-Z]{4,}\\b").matcher(text);
        while (word.find()) {
            out.add(MvStatus.named(word.group()));
        }
        return out;
    }
}
