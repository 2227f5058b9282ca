package dev.mvmqtt.tck.junit;

import dev.mvmqtt.tck.broker.Credentials;
import dev.mvmqtt.tck.broker.RunningBroker;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.TargetId;
import dev.mvmqtt.tck.target.Transport;
import dev.mvmqtt.tck.tls.ClientCertificate;
import dev.mvmqtt.tck.tls.TlsMaterial;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;

/**
 * The target of one {@link TargetTest} invocation: where its broker listens, how to reach it as the device would
 * (host, port, MQTT version, TLS trust anchor), an {@linkplain #observer() observer} on the broker side, and names
 * unique to this invocation so that tests never see each other's traffic.
 */
public final class TckTarget {
    private static final Duration OBSERVER_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicLong INVOCATIONS = new AtomicLong();
    /** Per JVM, so that retained messages or sessions left by an earlier run never match. */
    private static final String RUN = runToken();

    private final TargetId id;
    private final RunningBroker broker;
    private final TckSettings settings;
    private final long invocation;
    private final Map<String, String> clientIds = new HashMap<>();

    /** The target {@code id} served by {@code broker}, for one invocation. */
    public TckTarget(TargetId id, RunningBroker broker, TckSettings settings) {
        this.id = Objects.requireNonNull(id, "id");
        this.broker = Objects.requireNonNull(broker, "broker");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.invocation = INVOCATIONS.incrementAndGet();
    }

    private static String runToken() {
        String s = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        return (s + "0000").substring(0, 4);
    }

    // ----- where

    /** The target id. */
    public TargetId id() {
        return id;
    }

    /** The running broker (all its ports and credentials). */
    public RunningBroker broker() {
        return broker;
    }

    /** The host the device connects to. */
    public String host() {
        return broker.host();
    }

    /** The port the device connects to: the plain or the TLS port, as the target's transport says. */
    public int port() {
        return broker.port(id.transport());
    }

    /** The target's MQTT version. */
    public MqttVersion version() {
        return id.version();
    }

    /** The target's transport. */
    public Transport transport() {
        return id.transport();
    }

    /** True for a TLS target. */
    public boolean isTls() {
        return id.isTls();
    }

    // ----- TLS

    /** This JVM's TLS material (client certificate and key, the unrelated CA, ...). */
    public TlsMaterial tls() {
        return broker.tlsMaterial();
    }

    /**
     * The DER certificate of the CA that issued the broker's TLS certificate, to hand to the device as its trust
     * anchor. Aborts the test when the broker has none (an external broker without {@code mvmqtt.external.caCert}).
     */
    public byte[] caCertificateDer() {
        return broker.caCertificateDer().orElseGet(() -> {
            Assumptions.abort("target " + id + " has no CA certificate: set " + TckSettings.EXTERNAL_CA_CERT);
            return null;
        });
    }

    /**
     * The client certificate chain and key the device presents in mutual TLS, which the broker accepts: on a local
     * target the kit's own (issued by the kit's CA, which the local brokers' listeners trust); on an external target
     * the one its operator gave. Aborts the test on an external target given none: the kit's own certificate means
     * nothing to a broker nobody configured to trust the kit's CA.
     */
    public ClientCertificate clientCertificate() {
        return broker.clientCertificate().orElseGet(() -> {
            Assumptions.abort(
                    "target " + id + " was given no client certificate that its broker accepts; give one with "
                            + TckSettings.EXTERNAL_CLIENT_CERT_HINT);
            return null;
        });
    }

    /**
     * The port where the device presents {@link #clientCertificate()}: the broker's listener that requires client
     * certificates when it has one apart (an external broker's, when given), else the target's TLS port.
     */
    public int clientCertificateTlsPort() {
        return broker.clientCertificateTlsPort();
    }

    /**
     * The port of the TLS listener that serves an expired certificate issued by the CA of {@link #caCertificateDer()}.
     * Aborts the test when the broker has none (an external broker whose operator gave none).
     */
    public int expiredTlsPort() {
        return broker.expiredTlsPort().orElseGet(() -> {
            Assumptions.abort("target " + id + " was given no TLS listener that serves an expired certificate;"
                    + " give its port with " + TckSettings.EXTERNAL_EXPIRED_TLS_PORT_HINT);
            return -1;
        });
    }

    /**
     * A username and password the broker accepts (clients without username are accepted too). Aborts the test when
     * the broker has none (an external broker configured without a username and password).
     */
    public Credentials credentials() {
        return broker.credentials().orElseGet(() -> {
            // No "credentials: ..." here: the Redactor would take the words after the colon for a secret.
            Assumptions.abort("target " + id + " was given no username and password to test authentication with;"
                    + " give them with " + TckSettings.EXTERNAL_CREDENTIALS_HINT);
            return null;
        });
    }

    /**
     * True when the broker accepts clients without a user name; when false, the device's connect requests of
     * {@code Firmware.connectRequest} carry {@link #credentials()}.
     */
    public boolean anonymousAccepted() {
        return broker.anonymousAccepted();
    }

    // ----- run settings

    /** The settings of the run. */
    public TckSettings settings() {
        return settings;
    }

    /** {@code base} scaled by the run's timeout factor. */
    public Duration timeout(Duration base) {
        return settings.timeout(base);
    }

    /** The window for "must not happen" checks: {@link Observer#QUIET_WINDOW} scaled by the timeout factor. */
    public Duration quietWindow() {
        return settings.timeout(Observer.QUIET_WINDOW);
    }

    // ----- unique names

    /**
     * A topic unique to this invocation: {@code mvmqtt-tck/RUN/INVOCATION/name}. The same name gives the same topic
     * within the invocation.
     *
     * @param name one or more topic levels, without wildcards
     */
    public String uniqueTopic(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("+") || name.contains("#") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "topic name must be non-empty, without wildcards or NUL: '" + name + "'");
        }
        return "mvmqtt-tck/" + RUN + "/" + invocation + "/" + name;
    }

    /**
     * A client id unique to this invocation, at most 23 characters of {@code [0-9a-zA-Z]} (MQTT 3.1.1's guaranteed
     * range), beginning with (a prefix of) {@code name}. The same name gives the same id within the invocation.
     */
    public synchronized String uniqueClientId(String name) {
        Objects.requireNonNull(name, "name");
        return clientIds.computeIfAbsent(name, n -> {
            String suffix = RUN + Long.toString(invocation, 36) + "n" + Integer.toString(clientIds.size(), 36);
            String prefix = n.replaceAll("[^0-9A-Za-z]", "").toLowerCase(Locale.ROOT);
            int room = Math.max(0, 23 - suffix.length());
            String id = (prefix.length() > room ? prefix.substring(0, room) : prefix) + suffix;
            return id.length() > 23 ? id.substring(id.length() - 23) : id;
        });
    }

    // ----- observer

    /** An observer connected to this target (same port, transport and MQTT version as the device), clean session. */
    public Observer observer() {
        return observerBuilder().connect();
    }

    /**
     * A builder preconfigured for this target (host, port, MQTT version, TLS trust in {@link #caCertificateDer()}
     * for a TLS target, the broker's credentials when it has any, timeouts scaled by the factor), for a client id,
     * session or other credentials of the test's choice.
     */
    public Observer.Builder observerBuilder() {
        return observerBuilder(port());
    }

    /** As {@link #observerBuilder()}, to another of the broker's listeners of the target's transport. */
    public Observer.Builder observerBuilder(int port) {
        Observer.Builder b = Observer.builder(host(), port, version()).timeout(timeout(OBSERVER_TIMEOUT));
        if (isTls()) {
            b.tls(caCertificateDer());
        }
        broker.credentials().ifPresent(c -> b.credentials(c.username(), c.password()));
        return b;
    }

    @Override
    public String toString() {
        return id + " (" + broker + ")";
    }
}
