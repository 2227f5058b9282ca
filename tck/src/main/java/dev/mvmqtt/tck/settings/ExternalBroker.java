package dev.mvmqtt.tck.settings;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.mvmqtt.tck.target.MqttVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * Where the {@code external} targets find their broker: properties {@code mvmqtt.external.*}. Immutable.
 * {@link #toString()} never shows the password.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExternalBroker {
    /** Default plain port. */
    public static final int DEFAULT_PORT = 1883;
    /** Default TLS port. */
    public static final int DEFAULT_TLS_PORT = 8883;

    private final String host;
    private final int port;
    private final int tlsPort;
    private final List<MqttVersion> versions;
    private final Path caCert;
    private final String username;
    private final String password;
    private final String name;
    private final int expiredTlsPort;
    private final Path clientCert;
    private final Path clientKey;
    private final int clientCertTlsPort;

    /**
     * @param host     broker host, or null when no external broker is configured
     * @param port     plain port
     * @param tlsPort  TLS port
     * @param versions MQTT versions to test on (not empty)
     * @param caCert   CA certificate (DER or PEM) that issued the broker's TLS certificate, or null
     * @param username a username the broker accepts, or null
     * @param password that user's password, or null
     */
    public ExternalBroker(
            String host,
            int port,
            int tlsPort,
            List<MqttVersion> versions,
            Path caCert,
            String username,
            String password) {
        this(host, port, tlsPort, versions, caCert, username, password, null);
    }

    /**
     * @param name the broker's name (and version) as the operator gives it, for the report where the broker does not
     *             say it itself, or null
     * @see #ExternalBroker(String, int, int, List, Path, String, String)
     */
    public ExternalBroker(
            String host,
            int port,
            int tlsPort,
            List<MqttVersion> versions,
            Path caCert,
            String username,
            String password,
            String name) {
        this(host, port, tlsPort, versions, caCert, username, password, name, 0, null, null, 0);
    }

    private ExternalBroker(
            String host,
            int port,
            int tlsPort,
            List<MqttVersion> versions,
            Path caCert,
            String username,
            String password,
            String name,
            int expiredTlsPort,
            Path clientCert,
            Path clientKey,
            int clientCertTlsPort) {
        this.name = name == null || name.isBlank() ? null : name.strip();
        this.host = host == null || host.isBlank() ? null : host.trim();
        this.port = checkPort(port, TckSettings.EXTERNAL_PORT);
        this.tlsPort = checkPort(tlsPort, TckSettings.EXTERNAL_TLS_PORT);
        this.versions = List.copyOf(versions);
        if (this.versions.isEmpty()) {
            throw new IllegalArgumentException(TckSettings.EXTERNAL_VERSIONS + " must name at least one version");
        }
        this.caCert = caCert;
        this.username = username == null || username.isEmpty() ? null : username;
        this.password = password;
        this.expiredTlsPort =
                expiredTlsPort == 0 ? 0 : checkPort(expiredTlsPort, TckSettings.EXTERNAL_EXPIRED_TLS_PORT);
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException(
                    clientCert == null
                            ? TckSettings.EXTERNAL_CLIENT_KEY + " needs " + TckSettings.EXTERNAL_CLIENT_CERT
                                    + " (the certificate of that key)"
                            : TckSettings.EXTERNAL_CLIENT_CERT + " needs " + TckSettings.EXTERNAL_CLIENT_KEY
                                    + " (the certificate's unencrypted PKCS#8 key)");
        }
        if (clientCertTlsPort != 0 && clientCert == null) {
            throw new IllegalArgumentException(TckSettings.EXTERNAL_CLIENT_CERT_TLS_PORT + " needs "
                    + TckSettings.EXTERNAL_CLIENT_CERT + " and " + TckSettings.EXTERNAL_CLIENT_KEY
                    + " (the client certificate that listener accepts)");
        }
        this.clientCert = clientCert;
        this.clientKey = clientKey;
        this.clientCertTlsPort =
                clientCertTlsPort == 0 ? 0 : checkPort(clientCertTlsPort, TckSettings.EXTERNAL_CLIENT_CERT_TLS_PORT);
    }

    /**
     * This broker with the port of a TLS listener that serves an expired certificate issued by the same CA as
     * {@link #caCert()} ({@value TckSettings#EXTERNAL_EXPIRED_TLS_PORT}; 0: none).
     */
    public ExternalBroker withExpiredTlsPort(int expiredTlsPort) {
        return withListeners(expiredTlsPort, clientCert, clientKey, clientCertTlsPort);
    }

    /**
     * This broker with a client certificate (chain, DER or PEM) and its unencrypted PKCS#8 key (DER or PEM) that the
     * broker accepts, for the mutual TLS test, and the port of a TLS listener that requires client certificates (0:
     * the device presents it on {@link #tlsPort()}). Both files or neither (null).
     *
     * @throws IllegalArgumentException for a certificate without key or the reverse, or a port without either
     */
    public ExternalBroker withClientCertificate(Path clientCert, Path clientKey, int clientCertTlsPort) {
        return withListeners(expiredTlsPort, clientCert, clientKey, clientCertTlsPort);
    }

    private ExternalBroker withListeners(int expiredTlsPort, Path clientCert, Path clientKey, int clientCertTlsPort) {
        return new ExternalBroker(
                host,
                port,
                tlsPort,
                versions,
                caCert,
                username,
                password,
                name,
                expiredTlsPort,
                clientCert,
                clientKey,
                clientCertTlsPort);
    }

    /** No external broker. */
    public static ExternalBroker none() {
        return new ExternalBroker(
                null, DEFAULT_PORT, DEFAULT_TLS_PORT, List.of(MqttVersion.values()), null, null, null);
    }

    static int checkPort(int port, String property) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "Bad value '" + port + "' for " + property + ": expected a port 1..65535");
        }
        return port;
    }

    /** True when {@code mvmqtt.external.host} is set. */
    public boolean isConfigured() {
        return host != null;
    }

    /** The host, if configured. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The plain port. */
    public int port() {
        return port;
    }

    /** The TLS port. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The versions the external targets cover. */
    public List<MqttVersion> versions() {
        return versions;
    }

    /** The CA certificate file (DER or PEM), if configured. */
    public Optional<Path> caCert() {
        return Optional.ofNullable(caCert);
    }

    /** The username for authentication tests, if configured. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password for authentication tests, if configured. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The broker's name as the operator gave it ({@value TckSettings#EXTERNAL_BROKER_NAME}), if given. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The TLS port serving an expired certificate ({@value TckSettings#EXTERNAL_EXPIRED_TLS_PORT}), if given. */
    public OptionalInt expiredTlsPort() {
        return expiredTlsPort == 0 ? OptionalInt.empty() : OptionalInt.of(expiredTlsPort);
    }

    /** The client certificate file the broker accepts ({@value TckSettings#EXTERNAL_CLIENT_CERT}), if given. */
    public Optional<Path> clientCert() {
        return Optional.ofNullable(clientCert);
    }

    /** That certificate's PKCS#8 key file ({@value TckSettings#EXTERNAL_CLIENT_KEY}), if given. */
    public Optional<Path> clientKey() {
        return Optional.ofNullable(clientKey);
    }

    /**
     * The TLS port of a listener that requires client certificates ({@value TckSettings#EXTERNAL_CLIENT_CERT_TLS_PORT}),
     * if given.
     */
    public OptionalInt clientCertTlsPort() {
        return clientCertTlsPort == 0 ? OptionalInt.empty() : OptionalInt.of(clientCertTlsPort);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExternalBroker e
                && Objects.equals(host, e.host)
                && port == e.port
                && tlsPort == e.tlsPort
                && versions.equals(e.versions)
                && Objects.equals(caCert, e.caCert)
                && Objects.equals(username, e.username)
                && Objects.equals(password, e.password)
                && Objects.equals(name, e.name)
                && expiredTlsPort == e.expiredTlsPort
                && Objects.equals(clientCert, e.clientCert)
                && Objects.equals(clientKey, e.clientKey)
                && clientCertTlsPort == e.clientCertTlsPort;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                host, port, tlsPort, versions, caCert, username, name, expiredTlsPort, clientCert, clientCertTlsPort);
    }

    @Override
    public String toString() {
        if (host == null) {
            return "none";
        }
        return host + (name == null ? "" : " " + name) + " (port " + port + ", tlsPort " + tlsPort + ", versions "
                + versions.stream().map(MqttVersion::label).toList() + ", caCert " + (caCert == null ? "none" : caCert)
                + (expiredTlsPort == 0 ? "" : ", expiredTlsPort " + expiredTlsPort)
                + (clientCert == null ? "" : ", clientCert " + clientCert + ", clientKey " + clientKey)
                + (clientCertTlsPort == 0 ? "" : ", clientCertTlsPort " + clientCertTlsPort)
                + ", username " + (username == null ? "none" : "set") + ", password "
                + (password == null ? "none" : "***") + ")";
    }
}
