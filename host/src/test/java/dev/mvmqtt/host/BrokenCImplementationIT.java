package dev.mvmqtt.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TckRunner;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The C path rejects a C implementation broken at the C level, and names the rule: libbroken_reason_codes_len
 * (libmvhost beneath, a subscribe response's reason_codes_len one too many) fails SUB-RESP-1 when the TCK's
 * subscribe tests run against it through {@link NativeMicrovisor}.
 */
class BrokenCImplementationIT {
    private static final String BROKEN = "libbroken_reason_codes_len.so";

    @AfterEach
    void forgetLibrary() {
        System.clearProperty(NativeMicrovisor.LIBRARY_PROPERTY);
    }

    @Test
    void anOffByOneCodeCountIsRejectedOnSubResp1() {
        Path library = Path.of(System.getProperty("mvhost.library", "target/native/libmvhost.so"))
                .resolveSibling(BROKEN);
        System.setProperty(
                NativeMicrovisor.LIBRARY_PROPERTY, library.toAbsolutePath().toString());
        TckSettings settings = TckSettings.builder()
                .implementation(NativeMicrovisorProvider.NAME)
                .targets(TargetId.parse("mosquitto-v5-plain"))
                .provisioning(ProvisioningMode.DOCKER_FREE)
                .build();
        TckRunResult result = TckRunner.builder(settings)
                .testClass("dev.mvmqtt.tck.tests.messaging.SubscribeTests")
                .build()
                .run();

        List<TestRecord> failed = result.records().stream()
                .filter(r -> r.outcome() == Outcome.FAILED)
                .toList();
        assertThat(failed)
                .as("the TCK's subscribe tests against the broken library")
                .isNotEmpty();
        assertThat(failed).flatExtracting(TestRecord::ids).contains("SUB-RESP-1");
        assertThat(result.records())
                .as("tests that do not read several codes still pass")
                .anyMatch(r -> r.outcome() == Outcome.PASSED);
    }
}
