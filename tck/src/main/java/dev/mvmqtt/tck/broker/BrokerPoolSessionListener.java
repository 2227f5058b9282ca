package dev.mvmqtt.tck.broker;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Closes the {@linkplain BrokerPool#shared() shared broker pool} when the outermost JUnit launcher session closes
 * (sessions opened inside it, for example by a runner that launches the TCK programmatically, reuse its brokers).
 * Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class BrokerPoolSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BrokerPool.sessionOpened();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        BrokerPool.sessionClosed();
    }
}
