package dev.mvmqtt.artemis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;

/**
 * An embedded ActiveMQ Artemis serving MQTT (3.1.1 and 5) on one loopback port, in memory.
 *
 * <p>It accepts clients the way the kit's local brokers do: anonymous clients are let in (as the guest user),
 * and a client that names the configured user must give its password, so the kit's authentication rules can be
 * checked on it. Every user may do everything: the kit tests the device, not the broker's authorisation.
 */
public final class ArtemisBroker implements AutoCloseable {
    private static final String ROLE = "mvmqtt";
    private static final String GUEST = "guest";

    private final EmbeddedActiveMQ server;
    private final int port;

    private ArtemisBroker(EmbeddedActiveMQ server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} (a free port when {@code port} is 0).
     *
     * @param dataDirectory where Artemis may keep its (unused, persistence is off) directories
     * @param username      the user whose password is checked
     * @param password      that user's password
     */
    public static ArtemisBroker start(int port, Path dataDirectory, String username, String password) throws Exception {
        int chosen = port == 0 ? freeLoopbackPort() : port;
        Configuration config = new ConfigurationImpl()
                .setName("mvmqtt-artemis")
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dataDirectory.resolve("journal").toString())
                .setBindingsDirectory(dataDirectory.resolve("bindings").toString())
                .setLargeMessagesDirectory(dataDirectory.resolve("large").toString())
                .setPagingDirectory(dataDirectory.resolve("paging").toString());
        config.setBrokerInstance(dataDirectory.toFile());
        config.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + chosen + "?protocols=MQTT");
        config.putSecurityRoles("#", Set.of(allowEverything()));

        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(username, password);
        users.addRole(username, ROLE);
        users.addUser(GUEST, "");
        users.addRole(GUEST, ROLE);
        users.setDefaultUser(GUEST);

        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.setSecurityManager(new ActiveMQSecurityManagerImpl(users));
        server.start();
        return new ArtemisBroker(server, chosen);
    }

    private static Role allowEverything() {
        Role role = new Role();
        role.setName(ROLE);
        role.setSend(true);
        role.setConsume(true);
        role.setCreateAddress(true);
        role.setDeleteAddress(true);
        role.setCreateDurableQueue(true);
        role.setDeleteDurableQueue(true);
        role.setCreateNonDurableQueue(true);
        role.setDeleteNonDurableQueue(true);
        role.setBrowse(true);
        role.setManage(true);
        role.setView(true);
        role.setEdit(true);
        return role;
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The MQTT port on {@code 127.0.0.1}. */
    public int port() {
        return port;
    }

    /** The Artemis version serving. */
    public String version() {
        return server.getActiveMQServer().getVersion().getFullVersion();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
