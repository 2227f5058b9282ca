package dev.mvmqtt.reference.channel;

import dev.mvmqtt.reference.relay.BrokerConnector;
import dev.mvmqtt.spec.api.codes.MvEventType;
import java.util.concurrent.locks.ReentrantLock;

/** What a channel needs from its device: the lock, the policy, notifications, the relay. */
public interface ChannelHost {
    ReentrantLock lock();

    ChannelPolicy policy();

    /** Posts a record to a centre (if it still exists) and pends its IRQ. Call with the lock held. */
    void notify(int notificationHandle, int tag, MvEventType type);

    BrokerConnector connector();
}
