package dev.mvmqtt.reference.relay;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Opens broker sessions the way the cloud relay does: resolve and connect TCP itself (NXDOMAIN,
 * SOCKETERROR), then run MQTT (and TLS) over that connection with the HiveMQ MQTT client, and
 * classify every failure into the request state the device sees.
 *
 * <p>One connector per device; it holds no thread. Resolution runs on a small shared pool (the one blocking
 * step), the TCP connect on the relay's selector, the MQTT connect on the client's event loop; the outcome and
 * every later broker event are handed to {@code deviceEvents}, the device's serial executor.
 */
public final class BrokerConnector {
    private final Executor resolver;
    private final Executor deviceEvents;

    public BrokerConnector(Executor resolver, Executor deviceEvents) {
        this.resolver = resolver;
        this.deviceEvents = deviceEvents;
    }

    /**
     * The attempt's outcome never completes exceptionally: every failure becomes a {@link ConnectOutcome}; it
     * completes on the device's executor.
     */
    public ConnectAttempt connect(ConnectSpec spec, BrokerEvents events) {
        CompletableFuture<ConnectOutcome> outcome = new CompletableFuture<>();
        ConnectAttempt attempt = new ConnectAttempt(outcome);
        TcpRelay.resolve(spec.host(), resolver)
                .thenCompose(addresses ->
                        TcpRelay.open(addresses, spec.port(), spec.connectTimeoutMillis(), spec.tls() != null))
                .thenCompose(relay -> attempt.opened(relay)
                        ? session(spec, relay, events)
                        : CompletableFuture.completedFuture(
                                ConnectOutcome.failed(MvMqttRequestState.SOCKETERROR, 0, "connect abandoned")))
                .handle((connected, failure) -> failure == null ? connected : relayFailure(failure))
                .whenComplete((result, failure) -> deviceEvents.execute(() -> outcome.complete(
                        result != null
                                ? result
                                : ConnectOutcome.failed(
                                        MvMqttRequestState.SOCKETERROR, 0, "relay failure: " + failure))));
        return attempt;
    }

    private static ConnectOutcome relayFailure(Throwable failure) {
        Throwable cause = Mqtt5Link.unwrap(failure);
        if (cause instanceof TcpRelay.RelayException e) {
            return ConnectOutcome.failed(
                    e.unresolved ? MvMqttRequestState.NXDOMAIN : MvMqttRequestState.SOCKETERROR, 0, e.getMessage());
        }
        return ConnectOutcome.failed(MvMqttRequestState.SOCKETERROR, 0, "relay failure: " + cause);
    }

    /** The MQTT session over an open relay; never completes exceptionally. */
    private CompletableFuture<ConnectOutcome> session(ConnectSpec spec, TcpRelay relay, BrokerEvents events) {
        MqttClientSslConfig ssl;
        try {
            ssl = spec.tls() == null ? null : sslConfig(spec.tls(), spec.connectTimeoutMillis());
        } catch (GeneralSecurityException | RuntimeException e) {
            relay.close();
            return CompletableFuture.completedFuture(ConnectOutcome.failed(
                    MvMqttRequestState.INVALIDPARAMETERS, 0, "unusable TLS credentials: " + e.getMessage()));
        }
        InetSocketAddress target;
        try {
            // Connect to the relay's loopback socket, but keep the broker's name on the address so
            // that TLS checks the broker's certificate against the name the device asked for.
            target = new InetSocketAddress(
                    InetAddress.getByAddress(
                            spec.host(), relay.clientAddress().getAddress().getAddress()),
                    relay.clientAddress().getPort());
        } catch (UnknownHostException e) {
            relay.close();
            return CompletableFuture.completedFuture(
                    ConnectOutcome.failed(MvMqttRequestState.SOCKETERROR, 0, e.getMessage()));
        }
        AbstractBrokerLink link;
        CompletableFuture<?> connack;
        try {
            link = spec.mqtt5()
                    ? new Mqtt5Link(spec, target, ssl, relay, events, deviceEvents)
                    : new Mqtt3Link(spec, target, ssl, relay, events, deviceEvents);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The client library refused a field (an invalid topic in the will, a bad client id...).
            relay.close();
            return CompletableFuture.completedFuture(
                    ConnectOutcome.failed(MvMqttRequestState.INVALIDPARAMETERS, 0, e.getMessage()));
        }
        try {
            connack = link.connect();
        } catch (IllegalArgumentException e) {
            link.dropSilently();
            return CompletableFuture.completedFuture(
                    ConnectOutcome.failed(MvMqttRequestState.INVALIDPARAMETERS, 0, e.getMessage()));
        }
        return connack.orTimeout(spec.connectTimeoutMillis() + 5_000L, TimeUnit.MILLISECONDS)
                .handle((ack, failure) -> {
                    if (failure == null) {
                        link.markConnected();
                        return ConnectOutcome.connected(link);
                    }
                    link.dropSilently();
                    Throwable cause = Mqtt5Link.unwrap(failure);
                    if (cause instanceof TimeoutException) {
                        return ConnectOutcome.failed(MvMqttRequestState.SOCKETERROR, 0, "no CONNACK in time");
                    }
                    if (cause instanceof IllegalArgumentException) {
                        return ConnectOutcome.failed(MvMqttRequestState.INVALIDPARAMETERS, 0, cause.getMessage());
                    }
                    return classify(cause);
                });
    }

    private static MqttClientSslConfig sslConfig(ConnectSpec.Tls tls, int timeoutMillis)
            throws GeneralSecurityException {
        MqttClientSslConfigBuilder builder = MqttClientSslConfig.builder()
                .trustManagerFactory(TlsContexts.trustFor(tls.caCertificates(), tls.platformTrust()))
                .handshakeTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        if (tls.mutual()) {
            builder = builder.keyManagerFactory(TlsContexts.ownIdentity(tls.ownChain(), tls.ownKey()));
        }
        return builder.build();
    }

    /** Maps a failed CONNECT to the device's request state. */
    static ConnectOutcome classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Mqtt5ConnAckException) {
                int code = ((Mqtt5ConnAckException) t)
                        .getMqttMessage()
                        .getReasonCode()
                        .getCode();
                return ConnectOutcome.failed(
                        MvMqttRequestState.NOTCONNECTED, code, "broker refused: 0x" + Integer.toHexString(code));
            }
            if (t instanceof Mqtt3ConnAckException) {
                int code = ((Mqtt3ConnAckException) t)
                        .getMqttMessage()
                        .getReturnCode()
                        .getCode();
                return ConnectOutcome.failed(MvMqttRequestState.NOTCONNECTED, code, "broker refused: " + code);
            }
        }
        boolean tls = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TlsContexts.HostNotCertified) {
                // TLS-REF-7: the CA is known, so not UNKNOWNCA; no state names a host-name mismatch
                return ConnectOutcome.failed(MvMqttRequestState.SOCKETERROR, 0, t.getMessage());
            }
            if (t instanceof CertificateExpiredException) {
                return ConnectOutcome.failed(MvMqttRequestState.CERTIFICATEEXPIRED, 0, t.getMessage());
            }
            if (t instanceof CertPathValidatorException) {
                CertPathValidatorException cpve = (CertPathValidatorException) t;
                if (cpve.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                    return ConnectOutcome.failed(MvMqttRequestState.CERTIFICATEEXPIRED, 0, t.getMessage());
                }
            }
            tls |= t instanceof SSLException;
        }
        if (tls) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                String message = String.valueOf(t.getMessage());
                if (t instanceof CertificateException
                        || t instanceof CertPathValidatorException
                        || message.contains("certification path")
                        || message.contains("PKIX")) {
                    return ConnectOutcome.failed(MvMqttRequestState.UNKNOWNCA, 0, message);
                }
            }
        }
        return ConnectOutcome.failed(MvMqttRequestState.SOCKETERROR, 0, String.valueOf(failure));
    }
}
