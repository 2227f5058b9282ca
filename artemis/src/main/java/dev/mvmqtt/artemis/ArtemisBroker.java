package dev.mvmqtt.artemis;

import dev.mvmqtt.tck.tls.TlsMaterial;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;

/**
 * An embedded ActiveMQ Artemis serving MQTT (3.1.1 and 5) on one loopback port, in memory, and optionally on three
 * TLS ports (a valid server certificate, an expired one, and one that requires client certificates) so that the kit's
 * TLS rules can be checked on it as on any external broker.
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
    private final TlsPorts tlsPorts;

    /**
     * The TLS listeners' ports on {@code 127.0.0.1}, all MQTT 3.1.1 and 5 on the same broker.
     *
     * @param tls            the server certificate, valid now; client certificates not asked for
     * @param expiredTls     the expired server certificate (same CA, same key)
     * @param clientCertTls  the server certificate; a client certificate issued by the CA is required
     */
    public record TlsPorts(int tls, int expiredTls, int clientCertTls) {}

    private ArtemisBroker(EmbeddedActiveMQ server, int port, TlsPorts tlsPorts) {
        this.server = server;
        this.port = port;
        this.tlsPorts = tlsPorts;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} (a free port when {@code port} is 0).
     *
     * @param dataDirectory where Artemis may keep its (unused, persistence is off) directories
     * @param username      the user whose password is checked
     * @param password      that user's password
     */
    public static ArtemisBroker start(int port, Path dataDirectory, String username, String password) throws Exception {
        return start(port, dataDirectory, username, password, null);
    }

    /**
     * As {@link #start(int, Path, String, String)}, and with {@code tls} also three TLS listeners on free loopback
     * ports ({@link #tlsPorts()}): one serving {@code tls}'s server certificate, one its expired server certificate,
     * and one that requires a client certificate issued by its CA. Their key and trust stores are written into
     * {@code dataDirectory}.
     *
     * @param tls the certificates and keys, or null for plain MQTT only
     */
    public static ArtemisBroker start(int port, Path dataDirectory, String username, String password, TlsMaterial tls)
            throws Exception {
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
        TlsPorts tlsPorts = null;
        if (tls != null) {
            tlsPorts = new TlsPorts(freeLoopbackPort(), freeLoopbackPort(), freeLoopbackPort());
            Files.createDirectories(dataDirectory);
            char[] storePassword = storePassword();
            Path keyStore = dataDirectory.resolve("server.p12");
            Path expiredKeyStore = dataDirectory.resolve("expired-server.p12");
            Path trustStore = dataDirectory.resolve("ca.p12");
            TlsMaterial.write(tls.serverKeyStore(storePassword), storePassword, keyStore);
            TlsMaterial.write(tls.expiredServerKeyStore(storePassword), storePassword, expiredKeyStore);
            TlsMaterial.write(tls.trustStore(), storePassword, trustStore);
            String secret = new String(storePassword);
            config.addAcceptorConfiguration("mqtt-tls", tlsAcceptor(tlsPorts.tls(), keyStore, secret, ""));
            config.addAcceptorConfiguration(
                    "mqtt-tls-expired", tlsAcceptor(tlsPorts.expiredTls(), expiredKeyStore, secret, ""));
            config.addAcceptorConfiguration(
                    "mqtt-tls-client-cert",
                    tlsAcceptor(
                            tlsPorts.clientCertTls(),
                            keyStore,
                            secret,
                            ";needClientAuth=true;trustStoreType=PKCS12;trustStorePath=" + trustStore
                                    + ";trustStorePassword=" + secret));
        }
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
        return new ArtemisBroker(server, chosen, tlsPorts);
    }

    private static String tlsAcceptor(int port, Path keyStore, String password, String more) {
        return "tcp://127.0.0.1:" + port + "?protocols=MQTT;sslEnabled=true;keyStoreType=PKCS12;keyStorePath="
                + keyStore + ";keyStorePassword=" + password + more;
    }

    /** A password for the key stores of one run: they live in a temporary folder and only this broker reads them. */
    private static char[] storePassword() {
        return Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36).toCharArray();
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

    /** The TLS listeners' ports, when the broker was started with TLS material. */
    public Optional<TlsPorts> tlsPorts() {
        return Optional.ofNullable(tlsPorts);
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
