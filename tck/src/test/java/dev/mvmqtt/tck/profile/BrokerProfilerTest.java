package dev.mvmqtt.tck.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mvmqtt.tck.broker.TestBrokers;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerProfilerTest {
    @Test
    void aWillWithin100MsIsAtOnce() {
        assertEquals("at once (< 100 ms)", BrokerProfiler.willDelay(Duration.ofMillis(99)));
    }

    @Test
    void aWillUnderASecondIsRoundedDownToTenthsOfASecond() {
        assertEquals("after 100 ms", BrokerProfiler.willDelay(Duration.ofMillis(100)));
        assertEquals("after 900 ms", BrokerProfiler.willDelay(Duration.ofMillis(999)));
    }

    @Test
    void aLaterWillIsRoundedToSeconds() {
        assertEquals("after 1 s", BrokerProfiler.willDelay(Duration.ofMillis(1000)));
        assertEquals("after 5 s", BrokerProfiler.willDelay(Duration.ofMillis(4600)));
    }

    @Test
    void aPlainTargetHasNoClientCertificateToAskAbout() {
        TckTarget plain =
                new TckTarget(TargetId.parse("external-v5-plain"), TestBrokers.external(null), TckSettings.defaults());
        assertEquals("n/a (plain target)", BrokerProfiler.clientCertificate(plain));
    }

    @Test
    void everyQuestionIsAskedInProfileOrder() {
        assertEquals(
                java.util.List.of(
                        "pubackNoSubscribers",
                        "subackGranted",
                        "maximumQos",
                        "sessionPersistence",
                        "sessionExpiryZero",
                        "zeroLengthClientIdCleanStart",
                        "zeroLengthClientIdNoCleanStart",
                        "retainedDelivery",
                        "sessionTakeover",
                        "willAfterGracefulDisconnect",
                        "willTiming",
                        "flowControl",
                        "clientCertificate"),
                java.util.List.copyOf(BrokerProfiler.QUESTIONS.keySet()));
    }
}
