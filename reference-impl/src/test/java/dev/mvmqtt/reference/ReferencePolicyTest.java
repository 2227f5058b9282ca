package dev.mvmqtt.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferencePolicyTest {
    @Test
    void theBuilderStartsFromTheDefaultsAndChangesOnlyWhatIsSet() {
        assertThat(ReferencePolicy.builder().build()).isEqualTo(ReferencePolicy.defaults());
        ReferencePolicy p = ReferencePolicy.builder()
                .maxOpenCallsPerSecond(100)
                .withoutTlsCredentials(ReferencePolicy.WithoutTlsCredentials.REFUSED)
                .build();
        assertThat(p.maxOpenCallsPerSecond()).isEqualTo(100);
        assertThat(p.withoutTlsCredentials()).isEqualTo(ReferencePolicy.WithoutTlsCredentials.REFUSED);
        assertThat(p.toBuilder()
                        .maxOpenCallsPerSecond(8)
                        .withoutTlsCredentials(ReferencePolicy.WithoutTlsCredentials.PLAIN_TCP)
                        .build())
                .isEqualTo(ReferencePolicy.defaults());
        assertThat(p.toBuilder().circuitBreakerMessagesPerSecond(5).build())
                .isEqualTo(p.withCircuitBreakerMessagesPerSecond(5));
    }
}
