package dev.mvmqtt.tck.broker;

import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.Provisioning;
import dev.mvmqtt.tck.target.Transport;
import dev.mvmqtt.tck.tls.ClientCertificate;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A broker that answers: where it listens and what it accepts. One running broker serves every target of its
 * family (both MQTT versions, plain and TLS). Immutable.
 *
 * <p>Local brokers listen on {@code 127.0.0.1} (or the Docker host for containers) on three ports: plain TCP,
 * TLS with the {@linkplain TlsMaterial#serverCertificateDer() server certificate}, and TLS with the
 * {@linkplain TlsMaterial#expiredServerCertificateDer() expired certificate}. Both TLS listeners accept, but do
 * not require, client certificates issued by the {@linkplain TlsMaterial#caCertificateDer() CA}. Clients without
 * username are accepted; with a username, the password must match {@link #credentials()}.
 */
public final class RunningBroker {
    private final BrokerFamily family;
    private final Provisioning provisioning;
    private final String version;
    private final String host;
    private final int plainPort;
    private final int tlsPort;
    private final int expiredTlsPort;
    private final byte[] caCertificateDer;
    private final TlsMaterial tlsMaterial;
    private final Credentials credentials;
    private final Duration startupTime;
    private final boolean anonymousAccepted;
    private final ClientCertificate clientCertificate;
    private final int clientCertificateTlsPort;

    RunningBroker(
            BrokerFamily family,
            Provisioning provisioning,
            String version,
            String host,
            int plainPort,
            int tlsPort,
            int expiredTlsPort,
            byte[] caCertificateDer,
            TlsMaterial tlsMaterial,
            Credentials credentials,
            Duration startupTime) {
        this(
                family,
                provisioning,
                version,
                host,
                plainPort,
                tlsPort,
                expiredTlsPort,
                caCertificateDer,
                tlsMaterial,
                credentials,
                startupTime,
                true);
    }

    RunningBroker(
            BrokerFamily family,
            Provisioning provisioning,
            String version,
            String host,
            int plainPort,
            int tlsPort,
            int expiredTlsPort,
            byte[] caCertificateDer,
            TlsMaterial tlsMaterial,
            Credentials credentials,
            Duration startupTime,
            boolean anonymousAccepted) {
        this(
                family,
                provisioning,
                version,
                host,
                plainPort,
                tlsPort,
                expiredTlsPort,
                caCertificateDer,
                tlsMaterial,
                credentials,
                startupTime,
                anonymousAccepted,
                ClientCertificate.of(tlsMaterial),
                -1);
    }

    /**
     * @param clientCertificate        a client certificate the broker accepts, or null (an external broker given none)
     * @param clientCertificateTlsPort a TLS port that requires client certificates, or -1 (the TLS port is asked)
     */
    RunningBroker(
            BrokerFamily family,
            Provisioning provisioning,
            String version,
            String host,
            int plainPort,
            int tlsPort,
            int expiredTlsPort,
            byte[] caCertificateDer,
            TlsMaterial tlsMaterial,
            Credentials credentials,
            Duration startupTime,
            boolean anonymousAccepted,
            ClientCertificate clientCertificate,
            int clientCertificateTlsPort) {
        this.clientCertificate = clientCertificate;
        this.clientCertificateTlsPort = clientCertificateTlsPort;
        this.anonymousAccepted = anonymousAccepted;
        this.family = Objects.requireNonNull(family);
        this.provisioning = Objects.requireNonNull(provisioning);
        this.version = Objects.requireNonNull(version);
        this.host = Objects.requireNonNull(host);
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
        this.expiredTlsPort = expiredTlsPort;
        this.caCertificateDer = caCertificateDer == null ? null : caCertificateDer.clone();
        this.tlsMaterial = Objects.requireNonNull(tlsMaterial);
        this.credentials = credentials;
        this.startupTime = Objects.requireNonNull(startupTime);
    }

    /** The broker family. */
    public BrokerFamily family() {
        return family;
    }

    /** How it was brought up. */
    public Provisioning provisioning() {
        return provisioning;
    }

    /**
     * The broker's version as the provisioner knows it, for example {@code 2025.5} or {@code 2.0.11}; for an external
     * broker, where it was reached and what it said of itself ({@code at HOST:PORT over MQTT 5 (...)}).
     */
    public String version() {
        return version;
    }

    /** The host to connect to: {@code 127.0.0.1} for brokers on this machine. */
    public String host() {
        return host;
    }

    /** The plain TCP port. */
    public int plainPort() {
        return plainPort;
    }

    /** The TLS port (server certificate issued by {@link #caCertificateDer()}). */
    public int tlsPort() {
        return tlsPort;
    }

    /** The port for {@code transport}. */
    public int port(Transport transport) {
        return transport == Transport.TLS ? tlsPort : plainPort;
    }

    /**
     * The TLS port that serves the {@linkplain TlsMaterial#expiredServerCertificateDer() expired certificate};
     * for an external broker, the one the operator gave (empty when none).
     */
    public OptionalInt expiredTlsPort() {
        return expiredTlsPort > 0 ? OptionalInt.of(expiredTlsPort) : OptionalInt.empty();
    }

    /**
     * The DER certificate of the CA that issued the TLS listener's certificate, which a client must trust:
     * {@link TlsMaterial#caCertificateDer()} for the local brokers, the configured file for an external broker
     * (empty when none is configured).
     */
    public Optional<byte[]> caCertificateDer() {
        return Optional.ofNullable(caCertificateDer).map(byte[]::clone);
    }

    /**
     * A client certificate (with its key) the broker accepts: the kit's own ({@link ClientCertificate#of}) for a local
     * broker, whose TLS listeners accept client certificates from the kit's CA; for an external broker, the one the
     * operator gave (empty when none).
     */
    public Optional<ClientCertificate> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    /**
     * The TLS port where {@link #clientCertificate()} is presented: a listener that requires client certificates when
     * the broker has one apart (an external broker's, when given), else {@link #tlsPort()}.
     */
    public int clientCertificateTlsPort() {
        return clientCertificateTlsPort > 0 ? clientCertificateTlsPort : tlsPort;
    }

    /** The TLS material of this JVM (for a local broker, the material its listeners use). */
    public TlsMaterial tlsMaterial() {
        return tlsMaterial;
    }

    /** A username and password the broker accepts; empty for an external broker configured without them. */
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /**
     * True when the broker accepts clients without a user name (the local brokers do); false for an external broker
     * that refused an anonymous connect, whose clients must then send {@link #credentials()}.
     */
    public boolean anonymousAccepted() {
        return anonymousAccepted;
    }

    /** How long it took to bring the broker up (zero for an external broker). */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public String toString() {
        return family.id() + " " + version + " (" + provisioning.id() + ") at " + host + " plain " + plainPort
                + ", tls " + tlsPort + (expiredTlsPort > 0 ? ", expired-tls " + expiredTlsPort : "")
                + (clientCertificateTlsPort > 0 ? ", client-cert-tls " + clientCertificateTlsPort : "");
    }
}
