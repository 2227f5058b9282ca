package dev.mvmqtt.tck.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void masksKeyValuePairsInTheirCommonSpellings() {
        assertThat(Redactor.redact("user=alice password=hunter2 next"))
                .isEqualTo("user=alice password=<redacted> next");
        assertThat(Redactor.redact("mvmqtt.external.password=hunter2"))
                .isEqualTo("mvmqtt.external.password=<redacted>");
        assertThat(Redactor.redact("{\"password\": \"hunter2\", \"u\": 1}"))
                .isEqualTo("{\"password\": \"<redacted>\", \"u\": 1}");
        assertThat(Redactor.redact("Password: 'x y'")).isEqualTo("Password: '<redacted>'");
        assertThat(Redactor.redact("api_key=K1;secret:S2&token=T3"))
                .doesNotContain("K1")
                .doesNotContain("S2")
                .doesNotContain("T3");
        assertThat(Redactor.redact("keystorePassword=abc")).isEqualTo("keystorePassword=<redacted>");
    }

    @Test
    void masksUrlUserInfoAndPemBlocks() {
        assertThat(Redactor.redact("ssl://bob:pa55@host:8883/x")).isEqualTo("ssl://bob:<redacted>@host:8883/x");
        assertThat(Redactor.redact("a\n-----BEGIN EC PRIVATE KEY-----\nAAAA\nBBBB\n-----END EC PRIVATE KEY-----\nb"))
                .isEqualTo("a\n[EC PRIVATE KEY <redacted>]\nb");
        assertThat(Redactor.redact("cut -----BEGIN PRIVATE KEY-----\nAAAA")).isEqualTo("cut [PRIVATE KEY <redacted>]");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "expected PUBACK for topic a/b within PT5S but got nothing; username=alice; tokens: 3 of 4";
        assertThat(Redactor.redact(text)).isEqualTo(text);
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact("MvMqttUsernamePassword[username=MvSizedString[5 bytes], password=<redacted>]"))
                .isEqualTo("MvMqttUsernamePassword[username=MvSizedString[5 bytes], password=<redacted>]");
    }
}
