package dev.mvmqtt.tck.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.tck.run.Outcome;
import dev.mvmqtt.tck.run.TckRunResult;
import dev.mvmqtt.tck.run.TckRunner;
import dev.mvmqtt.tck.run.TestRecord;
import dev.mvmqtt.tck.settings.ExternalBroker;
import dev.mvmqtt.tck.settings.ProvisioningMode;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external broker that refuses anonymous clients (a local mosquitto with {@code allow_anonymous false}): the kit's
 * own observer and devices use the credentials they are given, and without them the target is reported unavailable
 * with the reason instead of failing the implementation's tests.
 */
class AuthenticatingBrokerTest {
    private static final TargetId TARGET = TargetId.parse("external-v5-plain");
    private static final Credentials CREDENTIALS = new Credentials("auth-only", "an-unrelated-secret");
    private static MosquittoProcess broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws BrokerStartException {
        broker = MosquittoProcess.start(TlsMaterial.shared(), CREDENTIALS, Duration.ofSeconds(30), false);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static TckSettings external(String username, String password) {
        RunningBroker b = broker.endpoint();
        return TckSettings.builder()
                .provisioning(ProvisioningMode.DOCKER_FREE)
                .implementation("reference")
                .targets(TARGET)
                .timeoutFactor(TckSettings.fromSystemProperties().timeoutFactor())
                .external(new ExternalBroker(
                        b.host(), b.plainPort(), b.tlsPort(), List.of(MqttVersion.V5), null, username, password))
                .build();
    }

    @Test
    void withoutCredentialsTheTargetIsUnavailableWithTheReason() {
        try (BrokerPool pool = new BrokerPool()) {
            TargetStatus s = pool.status(TARGET, external(null, null));
            assertThat(s.isAvailable()).as("%s", s).isFalse();
            assertThat(s.unavailableReason().orElseThrow())
                    .contains("refused the kit's observer")
                    .contains("anonymously")
                    .contains(TckSettings.EXTERNAL_USERNAME);
        }
    }

    @Test
    void withWrongCredentialsTheTargetIsUnavailableNamingTheUser() {
        try (BrokerPool pool = new BrokerPool()) {
            TargetStatus s = pool.status(TARGET, external(CREDENTIALS.username(), "not-it"));
            assertThat(s.isAvailable()).as("%s", s).isFalse();
            assertThat(s.unavailableReason().orElseThrow())
                    .contains("refused the kit's observer")
                    .contains(CREDENTIALS.username())
                    .doesNotContain("not-it");
        }
    }

    @Test
    void withCredentialsTheObserverAndTheDevicesUseThemAndNothingFailsTheImplementation() {
        TckSettings settings = external(CREDENTIALS.username(), CREDENTIALS.password());
        try (BrokerPool pool = new BrokerPool()) {
            TargetStatus s = pool.status(TARGET, settings);
            assertThat(s.isAvailable()).as("%s", s).isTrue();
            assertThat(s.broker().orElseThrow().anonymousAccepted()).isFalse();
        }
        TckRunResult result = TckRunner.builder(settings)
                .testClass("dev.mvmqtt.tck.tests.messaging.PublishTests")
                .testClass("dev.mvmqtt.tck.tests.connection.AuthenticationTests")
                .configuration("jqwik.database", tmp.resolve("jqwik-db").toString())
                .build()
                .run();
        List<TestRecord> onTarget = result.records().stream()
                .filter(r -> r.target().equals(TARGET.id()) && !r.container())
                .toList();
        assertThat(onTarget).extracting(TestRecord::outcome).contains(Outcome.PASSED);
        assertThat(onTarget)
                .filteredOn(r -> r.outcome() == Outcome.FAILED)
                .extracting(r -> r.testName() + ": " + r.message())
                .isEmpty();
        assertThat(onTarget)
                .filteredOn(r -> r.methodName().equals("methodNoneSendsNoCredentialsAndAnonymousBrokerAccepts"))
                .extracting(TestRecord::outcome)
                .containsOnly(Outcome.ABORTED);
    }
}
