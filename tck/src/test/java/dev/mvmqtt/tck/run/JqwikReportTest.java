package dev.mvmqtt.tck.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JqwikReportTest {
    private static final String REPORT = String.join(
            "\n",
            "Props:falsified = ",
            "  org.opentest4j.AssertionFailedError:",
            "    Property [Props:falsified] failed with sample {0=\"abc\", 1=0}",
            "",
            "                              |-----------------------jqwik-----------------------",
            "tries = 1                     | # of calls to property",
            "seed = -5507720205819881612   | random seed to reproduce generated values",
            "",
            "Shrunk Sample (6 steps)",
            "-----------------------",
            "  arg0: \"abc\"",
            "  arg1: 0",
            "",
            "Original Sample",
            "---------------",
            "  arg0: \"zzzzzz\"",
            "  arg1: 949",
            "");

    @Test
    void readsSeedAndShrunkSample() {
        assertThat(JqwikReport.seed(REPORT)).isEqualTo("-5507720205819881612");
        assertThat(JqwikReport.counterexample(REPORT)).isEqualTo("arg0: \"abc\"\narg1: 0");
    }

    @Test
    void fallsBackToSampleThenOriginalThenInlineSample() {
        assertThat(JqwikReport.counterexample("Sample\n------\n  arg0: 7\n\n")).isEqualTo("arg0: 7");
        assertThat(JqwikReport.counterexample("Original Sample\n---------------\n  arg0: 9\n"))
                .isEqualTo("arg0: 9");
        assertThat(JqwikReport.counterexample("Property [P:p] failed with sample {0=1}\nmore {x}"))
                .isEqualTo("{0=1}");
        assertThat(JqwikReport.counterexample("nothing here")).isNull();
        assertThat(JqwikReport.seed("nothing here")).isNull();
    }
}
