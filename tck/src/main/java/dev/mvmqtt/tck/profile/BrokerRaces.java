package dev.mvmqtt.tck.profile;

import dev.mvmqtt.tck.broker.RunningBroker;
import dev.mvmqtt.tck.junit.TckTarget;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * What the broker profile of this run observed about a broker acting on a connection's close before the packets a
 * client wrote just before it (ActiveMQ Artemis 2.40 publishes wills after a graceful DISCONNECT now and then). A
 * test whose outcome depends on the broker honouring a client's last packets asks here, and ends as not checked on
 * such a broker instead of blaming the device. Kept per broker address (host and plain port: every target of one
 * broker, both MQTT versions, and whatever pool the tests reach it through), so what one target's profile saw holds
 * for the other targets of the same broker.
 */
public final class BrokerRaces {
    private static final Map<String, String> WILLS_AFTER_GRACEFUL_DISCONNECT = new ConcurrentHashMap<>();

    private BrokerRaces() {}

    /** Records that the profile of {@code target} saw {@code published} wills of {@code tries} graceful DISCONNECTs. */
    static void willsAfterGracefulDisconnect(TckTarget target, int published, int tries) {
        if (published > 0) {
            WILLS_AFTER_GRACEFUL_DISCONNECT.putIfAbsent(
                    address(target.broker()),
                    "the broker published wills after a graceful" + " DISCONNECT (broker profile, "
                            + target.id().id() + ": " + published + " of " + tries + ")");
        }
    }

    /** Forgets what was recorded of {@code broker} (for the kit's own tests, which share brokers). */
    static void forget(RunningBroker broker) {
        WILLS_AFTER_GRACEFUL_DISCONNECT.remove(address(broker));
    }

    /** Why a graceful DISCONNECT cannot be relied on at {@code target}'s broker, if the profile of this run saw why. */
    public static Optional<String> gracefulDisconnectUnreliable(TckTarget target) {
        return Optional.ofNullable(WILLS_AFTER_GRACEFUL_DISCONNECT.get(address(target.broker())));
    }

    private static String address(RunningBroker broker) {
        return broker.host() + ":" + broker.plainPort();
    }

    /**
     * Ends the calling test as not checked on {@code target} when its broker, as the profile observed, may act on a
     * connection's close before the packets the client wrote just before it (a graceful DISCONNECT, a PUBACK): then
     * {@code what} would show the broker's race, not the device.
     */
    public static void assumeLastPacketsHonoured(TckTarget target, String what) {
        Optional<String> why = gracefulDisconnectUnreliable(target);
        if (why.isPresent()) {
            Assumptions.abort("not checked on " + target.id().id() + ": " + what + " depends on the broker reading a"
                    + " client's last packets before the connection close behind them, and " + why.get());
        }
    }
}
