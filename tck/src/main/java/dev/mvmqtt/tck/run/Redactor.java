package dev.mvmqtt.tck.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Removes credentials and key material from text before it is recorded, logged or written into a
 * report: {@code password=...}-like pairs (also {@code "password": "..."} and {@code secret}, {@code token},
 * {@code passphrase}, {@code api-key}, {@code private key}), the password in a URL's user info, and PEM
 * blocks. Applied to every free text the recorder keeps, so a test that prints a secret by mistake
 * still cannot leak it into the compliance report.
 */
@API(status = INTERNAL, since = "0.1")
public final class Redactor {
    /** What a redacted value is replaced with. */
    public static final String MASK = "<redacted>";

    private static final Pattern PAIR =
            Pattern.compile("(?i)\\b((?:[a-z0-9_.-]*)(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|"
                    + "credentials?|private[_ -]?key|keystore[_-]?pass|storepass|keypass))"
                    + "(\"?'?\\s*(?:=|:)\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|<redacted>|[^\\s,;&)}\\]]+)");
    private static final Pattern URL_USERINFO =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s/:@]+:)([^\\s/@]+)(@)");
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----.*?(?:-----END [A-Z0-9 ]+-----|\\z)", Pattern.DOTALL);

    private Redactor() {}

    /** The text with every credential-like value replaced by {@value #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = PEM.matcher(text).replaceAll(m -> Matcher.quoteReplacement("[" + m.group(1) + " " + MASK + "]"));
        out = URL_USERINFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        out = PAIR.matcher(out).replaceAll(m -> {
            String value = m.group(3);
            String masked =
                    value.startsWith("\"") ? "\"" + MASK + "\"" : value.startsWith("'") ? "'" + MASK + "'" : MASK;
            return Matcher.quoteReplacement(m.group(1) + m.group(2) + masked);
        });
        return out;
    }
}
