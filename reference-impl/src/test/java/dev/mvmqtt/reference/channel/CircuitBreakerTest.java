package dev.mvmqtt.reference.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    @Test
    void tripsOnTheMessageBeyondTheThresholdWithinOneWindowAndStartsAfreshAfterIt() {
        AtomicLong now = new AtomicLong(1_000);
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(1), now::get);
        assertThat(breaker.tripsOn()).isFalse();
        assertThat(breaker.tripsOn()).isFalse();
        now.addAndGet(999_999_999L);
        assertThat(breaker.tripsOn()).as("third within the window").isFalse();
        assertThat(breaker.tripsOn()).as("fourth within the window").isTrue();
        now.addAndGet(1L);
        assertThat(breaker.tripsOn()).as("first of a new window").isFalse();
    }
}
