package dev.mvmqtt.reference.channel;

import dev.mvmqtt.reference.relay.ConnectSpec;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.codes.MvMqttAuthenticationMethod;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.spec.api.mqtt.MvOwnTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a connect request in the header's order and decodes it into what the relay needs.
 * Synchronous refusals come back as a status; a request that is accepted but cannot be honoured
 * (unknown protocol version, QoS 2 will, malformed UTF-8) comes back as OKAY with no spec, and the
 * channel answers it INVALIDPARAMETERS.
 */
final class ConnectRequests {
    record Decoded(MvStatus status, ConnectSpec spec) {}

    private ConnectRequests() {}

    static Decoded decode(MvMqttConnectRequest r, ChannelPolicy policy) {
        MvTlsCredentials tls = r.tlsCredentials();
        if (faulty(r.host()) || faulty(r.clientId())) {
            return refuse(MvStatus.LATEFAULT);
        }
        // Held by value in the header: never null, so only the strings' own pointers can be illegal.
        MvMqttAuthentication auth = r.authentication();
        boolean userPass = auth.method() == MvMqttAuthenticationMethod.USERNAMEPASSWORD.code();
        if (userPass
                && (faulty(auth.usernamePassword().username())
                        || faulty(auth.usernamePassword().password()))) {
            return refuse(MvStatus.LATEFAULT);
        }
        if (tls != null
                && (!readable(tls.cacert())
                        || tls.clientcert() == null
                        || !readable(tls.clientcert().chain())
                        || !readable(tls.clientcert().key()))) {
            return refuse(MvStatus.LATEFAULT);
        }
        MvMqttWill will = r.will();
        if (will != null && (faulty(will.topic()) || faulty(will.payload()))) {
            return refuse(MvStatus.LATEFAULT);
        }
        // LATEFAULT before TOOMANYELEMENTS (CONN-REF-3): the pointers above are checked first.
        if (tls != null
                && (tooMany(tls.cacert(), policy) || tooMany(tls.clientcert().chain(), policy))) {
            return refuse(MvStatus.TOOMANYELEMENTS);
        }
        boolean clientCert = tls != null && tls.clientcert().chain().numCerts() > 0;
        if (!userPass && auth.method() != MvMqttAuthenticationMethod.NONE.code() || userPass && clientCert) {
            return refuse(MvStatus.INVALIDAUTHENTICATION);
        }
        if (missing(r.host())
                || r.host().length() == 0
                || missing(r.clientId())
                || clientCert && tls.clientcert().key().length() == 0
                || will != null && (missing(will.topic()) || will.topic().length() == 0 || missing(will.payload()))) {
            return refuse(MvStatus.REQUIREDELEMENTMISSING);
        }
        return new Decoded(MvStatus.OKAY, spec(r, policy));
    }

    /** The relay's view of an accepted request, or null when it must be answered INVALIDPARAMETERS. */
    private static ConnectSpec spec(MvMqttConnectRequest r, ChannelPolicy policy) {
        boolean mqtt5;
        if (r.protocolVersion() == MvMqttProtocolVersion.V5.code()) {
            mqtt5 = true;
        } else if (r.protocolVersion() == MvMqttProtocolVersion.V3_1_1.code()) {
            mqtt5 = false;
        } else {
            return null;
        }
        String host = Utf8.decode(r.host());
        String clientId = Utf8.decode(r.clientId());
        if (host == null
                || clientId == null
                || r.port() <= 0
                || r.port() > 65535
                || Integer.toUnsignedLong(r.keepalive()) > 65535) {
            return null;
        }
        String username = null;
        byte[] password = null;
        if (r.authentication().method() == MvMqttAuthenticationMethod.USERNAMEPASSWORD.code()) {
            // A zero-filled string (null pointer, length 0) is sent as the empty string.
            MvSizedString user = r.authentication().usernamePassword().username();
            MvSizedString pass = r.authentication().usernamePassword().password();
            username = Utf8.decode(user);
            password = pass.bytes();
            if (username == null) {
                return null;
            }
        }
        ConnectSpec.Tls tls = null;
        MvTlsCredentials credentials = r.tlsCredentials();
        if (credentials != null) {
            MvOwnTlsCertificateChain own = credentials.clientcert();
            // An empty CA chain (the demo's certificate-only build passes one) means the platform's trust
            // store, as the relay does (TLS-REF-3); it is never refused.
            tls = new ConnectSpec.Tls(
                    bytes(credentials.cacert()),
                    bytes(own.chain()),
                    own.chain().numCerts() > 0 ? own.key().bytes() : new byte[0],
                    policy.platformTrust());
        } else {
            switch (policy.withoutTls()) {
                case PLATFORM_TLS ->
                    tls = new ConnectSpec.Tls(List.of(), List.of(), new byte[0], policy.platformTrust());
                case REFUSED -> {
                    return null;
                }
                default -> tls = null; // PLAIN_TCP: the guide's plain text
            }
        }
        ConnectSpec.Will will = null;
        if (r.will() != null) {
            MvMqttWill w = r.will();
            String topic = Utf8.decode(w.topic());
            // QoS 2 (or any other value) in a will is refused: no connection is made (QOS rules).
            if (topic == null || topic.contains("+") || topic.contains("#") || (w.qos() != 0 && w.qos() != 1)) {
                return null;
            }
            will = new ConnectSpec.Will(topic, w.payload().bytes(), w.qos(), w.retain() != 0);
        }
        boolean cleanStart = r.cleanStart() != 0;
        return new ConnectSpec(
                mqtt5,
                host,
                r.port(),
                clientId,
                username,
                password,
                tls,
                r.keepalive(),
                cleanStart,
                cleanStart ? 0 : policy.sessionExpirySeconds(),
                will,
                policy.connectTimeoutMillis());
    }

    private static boolean tooMany(MvTlsCertificateChain chain, ChannelPolicy policy) {
        return chain != null && Integer.toUnsignedLong(chain.numCerts()) > policy.maxCertificatesPerChain();
    }

    private static boolean readable(MvSizedString s) {
        return s != null && s.isValid();
    }

    /** A pointer that cannot be followed: a length beyond the data, or a null pointer with a length. */
    private static boolean faulty(MvSizedString s) {
        return s != null && !s.isValid();
    }

    /** No string at all: absent, or a null data pointer. */
    private static boolean missing(MvSizedString s) {
        return s == null || s.isNullPointer();
    }

    private static boolean readable(MvTlsCertificateChain chain) {
        if (chain == null) {
            return false;
        }
        long n = Integer.toUnsignedLong(chain.numCerts());
        if (n > 0 && (chain.certs() == null || chain.certs().size() < n)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!readable(chain.certs().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> bytes(MvTlsCertificateChain chain) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < chain.numCerts(); i++) {
            out.add(chain.certs().get(i).bytes());
        }
        return out;
    }

    private static Decoded refuse(MvStatus status) {
        return new Decoded(status, null);
    }
}
