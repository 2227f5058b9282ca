package dev.mvmqtt.tck.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvmqtt.tck.broker.RunningBroker;
import dev.mvmqtt.tck.broker.TestBrokers;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class BrokerRacesTest {
    private final RunningBroker broker = TestBrokers.external(null);
    private final TckTarget v5 = new TckTarget(TargetId.parse("external-v5-plain"), broker, TckSettings.defaults());
    private final TckTarget v311 = new TckTarget(TargetId.parse("external-v311-plain"), broker, TckSettings.defaults());

    @Test
    void aBrokerWhoseProfileSawNoWillsAfterAGracefulDisconnectIsTrusted() {
        BrokerRaces.forget(broker);
        BrokerRaces.willsAfterGracefulDisconnect(v5, 0, 20);
        assertThat(BrokerRaces.gracefulDisconnectUnreliable(v5)).isEmpty();
        assertThatCode(() -> BrokerRaces.assumeLastPacketsHonoured(v311, "the will"))
                .doesNotThrowAnyException();
    }

    @Test
    void whereTheProfileSawWillsAfterAGracefulDisconnectTheTestIsNotCheckedOnEveryTargetOfThatBroker() {
        try {
            BrokerRaces.willsAfterGracefulDisconnect(v5, 7, 20);
            assertThatThrownBy(() -> BrokerRaces.assumeLastPacketsHonoured(v311, "whether the will is discarded"))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessage(
                            "not checked on external-v311-plain: whether the will is discarded depends on the broker"
                                    + " reading a client's last packets before the connection close behind them, and the broker"
                                    + " published wills after a graceful"
                                    + " DISCONNECT (broker profile, external-v5-plain: 7 of 20)");
            TckTarget sameBrokerAgain = new TckTarget(v5.id(), TestBrokers.external(null), TckSettings.defaults());
            assertThat(BrokerRaces.gracefulDisconnectUnreliable(sameBrokerAgain))
                    .as("the same broker through another pool")
                    .isPresent();
            TckTarget otherBroker =
                    new TckTarget(v5.id(), TestBrokers.external("127.0.0.2", null), TckSettings.defaults());
            assertThat(BrokerRaces.gracefulDisconnectUnreliable(otherBroker))
                    .as("another broker")
                    .isEmpty();
        } finally {
            BrokerRaces.forget(broker);
        }
    }
}
