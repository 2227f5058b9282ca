package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MvSizedString;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttWill;
import dev.mvmqtt.spec.api.mqtt.MvOwnTlsCertificateChain;
import dev.mvmqtt.spec.api.mqtt.MvTlsCredentials;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.DeviceTest;
import dev.mvmqtt.tck.settings.TckSettings;

/**
 * mvMqttRequestConnect's synchronous refusals and the outcomes that need no broker (NXDOMAIN,
 * SOCKETERROR, INVALIDPARAMETERS). A refused connect issues nothing, so the same channel takes the next
 * case; LATEFAULT cases get a channel of their own.
 */
class ConnectRefusalTests {

    private static MvTlsCredentials clientCert(int caCerts, int clientCerts, MvSizedString key) {
        return new MvTlsCredentials(
                Devices.chain(caCerts), new MvOwnTlsCertificateChain(Devices.chain(clientCerts), key));
    }

    private static final MvSizedString KEY = MvSizedString.of(new byte[] {0x30, 0x2e, 0x02, 0x01, 0x00});

    /** Issues a connect and reads its response (the connect must be accepted). */
    private static MvMqttConnectResponse connectAndRead(
            Firmware fw, int channel, MvMqttConnectRequest request, RuleCheck rule) {
        rule.with("the connect is accepted")
                .assertThat(fw.mv().mvMqttRequestConnect(channel, request))
                .isEqualTo(MvStatus.OKAY);
        fw.awaitReadable(channel, MvMqttReadableDataType.CONNECTRESPONSE);
        MvMqttConnectResponse r = new MvMqttConnectResponse();
        rule.with("mvMqttReadConnectResponse")
                .assertThat(fw.mv().mvMqttReadConnectResponse(channel, r))
                .isEqualTo(MvStatus.OKAY);
        return r;
    }

    private static void refused(
            Microvisor mv, int channel, MvMqttConnectRequest request, MvStatus expected, RuleCheck rule) {
        rule.assertThat(mv.mvMqttRequestConnect(channel, request)).isEqualTo(expected);
        rule.with("the refused connect has no response")
                .assertThat(Devices.nextReadable(mv, channel))
                .isEqualTo(MvMqttReadableDataType.NONE);
    }

    @DeviceTest
    @Asserts("CONN-ELEM-1")
    void anEmptyHostIsMissing(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            int port = Devices.deadPort();
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(port).host("").build(),
                    MvStatus.REQUIREDELEMENTMISSING,
                    rule("CONN-ELEM-1", "host of length 0"));
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(port)
                            .host(MvSizedString.of((String) null))
                            .build(),
                    MvStatus.REQUIREDELEMENTMISSING,
                    rule("CONN-ELEM-1", "host with a null pointer and length 0"));
        }
    }

    @DeviceTest
    @Asserts("CONN-ELEM-2")
    void aNullClientIdIsMissing(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(Devices.deadPort())
                            .clientId(MvSizedString.of((String) null))
                            .build(),
                    MvStatus.REQUIREDELEMENTMISSING,
                    rule("CONN-ELEM-2", "client id with a null data pointer"));
        }
    }

    @DeviceTest
    @Asserts("WILL-ELEM-1")
    void aWillWithAnEmptyTopicIsMissing(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(Devices.deadPort())
                            .will(MvMqttWill.of("", new byte[] {1}, 0, false))
                            .build(),
                    MvStatus.REQUIREDELEMENTMISSING,
                    rule("WILL-ELEM-1", "will topic of length 0"));
        }
    }

    @DeviceTest
    @Asserts("WILL-ELEM-2")
    void aWillWithANullPayloadIsMissing(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            MvMqttWill will = new MvMqttWill(MvSizedString.of("tck/will"), MvSizedString.of((byte[]) null), 0, 0);
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(Devices.deadPort()).will(will).build(),
                    MvStatus.REQUIREDELEMENTMISSING,
                    rule("WILL-ELEM-2", "will payload with a null data pointer"));
        }
    }

    @DeviceTest
    @Asserts("TLS-ELEM-1")
    void aClientCertificateWithoutKeyIsMissing(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(Devices.deadPort())
                            .tlsCredentials(clientCert(1, 1, MvSizedString.EMPTY))
                            .build(),
                    MvStatus.REQUIREDELEMENTMISSING,
                    rule("TLS-ELEM-1", "client certificate chain with an empty key"));
        }
    }

    @DeviceTest
    @Asserts("AUTH-EXCL-1")
    void usernamePasswordWithAClientCertificateIsRefused(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(Devices.deadPort())
                            .tlsCredentials(clientCert(1, 1, KEY))
                            .authentication(MvMqttAuthentication.usernamePassword("user", "secret"))
                            .build(),
                    MvStatus.INVALIDAUTHENTICATION,
                    rule("AUTH-EXCL-1", "USERNAMEPASSWORD together with a client certificate"));
        }
    }

    @DeviceTest
    @Asserts("AUTH-REF-1")
    void anUnknownAuthenticationMethodIsRefused(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            for (int method : new int[] {2, 7, -1}) {
                refused(
                        fw.mv(),
                        channel,
                        Devices.connectRequest(Devices.deadPort())
                                .authentication(new MvMqttAuthentication(method, null))
                                .build(),
                        MvStatus.INVALIDAUTHENTICATION,
                        rule("AUTH-REF-1", "authentication method %d", method));
            }
        }
    }

    @DeviceTest
    @Asserts("LIMIT-CERT-1")
    void moreThanEightCertificatesInAChainAreRefused(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            int port = Devices.deadPort();
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(port)
                            .tlsCredentials(MvTlsCredentials.serverOnly(Devices.chain(9)))
                            .build(),
                    MvStatus.TOOMANYELEMENTS,
                    rule("LIMIT-CERT-1", "9 certificates in the CA chain"));
            refused(
                    fw.mv(),
                    channel,
                    Devices.connectRequest(port)
                            .tlsCredentials(clientCert(1, 9, KEY))
                            .build(),
                    MvStatus.TOOMANYELEMENTS,
                    rule("LIMIT-CERT-1", "9 certificates in the client certificate chain"));
            rule("LIMIT-CERT-1", "8 certificates in each chain are not too many")
                    .assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    channel,
                                    Devices.connectRequest(port)
                                            .tlsCredentials(clientCert(8, 8, KEY))
                                            .build()))
                    .isNotEqualTo(MvStatus.TOOMANYELEMENTS);
        }
    }

    @DeviceTest
    @Asserts("CONN-ONCE-1")
    void aSecondConnectOnTheChannelIsAlreadySent(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            int port = Devices.deadPort();
            assertThat(mv.mvMqttRequestConnect(
                            channel, Devices.connectRequest(port).build()))
                    .as("first connect")
                    .isEqualTo(MvStatus.OKAY);
            rule("CONN-ONCE-1", "a second connect while the first is pending")
                    .assertThat(mv.mvMqttRequestConnect(
                            channel, Devices.connectRequest(port).build()))
                    .isEqualTo(MvStatus.REQUESTALREADYSENT);
            // Take exactly the one record the first connect's response brings, so that what follows can
            // check that the refused connects bring none.
            fw.awaitRecord(MvEventType.CHANNELDATAREADABLE);
            rule("CONN-ONCE-1", "the first connect's response")
                    .assertThat(fw.nextReadable(channel))
                    .isEqualTo(MvMqttReadableDataType.CONNECTRESPONSE);
            assertThat(mv.mvMqttReadConnectResponse(channel, new MvMqttConnectResponse()))
                    .as("read the first connect's response")
                    .isEqualTo(MvStatus.OKAY);
            rule("CONN-ONCE-1", "a further connect after the first was answered")
                    .assertThat(mv.mvMqttRequestConnect(
                            channel, Devices.connectRequest(port).build()))
                    .isEqualTo(MvStatus.REQUESTALREADYSENT);
            Devices.assertNothingIssued(
                    fw, settings, channel, rule("CONN-ONCE-1", "connects refused with REQUESTALREADYSENT"));
        }
    }

    @DeviceTest
    @Asserts({"CONN-SOCKET-1", "CONN-REF-6", "READ-CONN-1"})
    void aPortNobodyListensOnIsASocketError(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            MvMqttConnectResponse r = connectAndRead(
                    fw, channel, Devices.connectRequest(Devices.deadPort()).build(), rule("CONN-SOCKET-1"));
            rule("CONN-SOCKET-1", "connect to 127.0.0.1 on a port nothing listens on")
                    .assertThat(r.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rule("CONN-REF-6", "connect to 127.0.0.1 on a port nothing listens on")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.SOCKETERROR);
            rule("READ-CONN-1", "the read consumed the connect response")
                    .assertThat(Devices.nextReadable(fw.mv(), channel))
                    .isEqualTo(MvMqttReadableDataType.NONE);
        }
    }

    @DeviceTest
    @Asserts("CONN-NXDOMAIN-1")
    void anUnresolvableHostIsNxdomain(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            MvMqttConnectResponse r = connectAndRead(
                    fw,
                    channel,
                    Devices.connectRequest(1883).host(Devices.UNRESOLVABLE_HOST).build(),
                    rule("CONN-NXDOMAIN-1"));
            rule("CONN-NXDOMAIN-1", "connect to %s", Devices.UNRESOLVABLE_HOST)
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.NXDOMAIN);
        }
    }

    @DeviceTest
    @Asserts("CONN-REF-4")
    void anUndefinedProtocolVersionIsAnsweredInvalidParameters(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int channel = fw.openChannel();
            MvMqttConnectResponse r = connectAndRead(
                    fw,
                    channel,
                    Devices.connectRequest(Devices.deadPort())
                            .protocolVersion(7)
                            .build(),
                    rule("CONN-REF-4"));
            rule("CONN-REF-4", "protocol_version 7")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.INVALIDPARAMETERS);
            U32Ref reason = new U32Ref(-1);
            assertThat(fw.mv()
                            .mvMqttRequestPublish(
                                    channel,
                                    dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest.of(
                                            5, "tck/x", new byte[] {1}, 0, false)))
                    .as("a publish after the refused connect")
                    .isEqualTo(MvStatus.OKAY);
            fw.awaitReadable(channel, MvMqttReadableDataType.PUBLISHRESPONSE);
            dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse p = new dev.mvmqtt.spec.api.mqtt.MvMqttPublishResponse();
            assertThat(fw.mv().mvMqttReadPublishResponse(channel, p))
                    .as("read publish response")
                    .isEqualTo(MvStatus.OKAY);
            rule("CONN-REF-4", "no connection was made, so a publish is answered NOTCONNECTED")
                    .assertThat(p.state())
                    .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            assertThat(fw.mv().mvGetChannelClosureReason(channel, reason))
                    .as("closure reason")
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("CONN-REF-5")
    void anEmptyClientIdAndAnEmptyWillPayloadAreLegal(TckSettings settings) {
        try (Firmware fw = Firmware.start(settings)) {
            int port = Devices.deadPort();
            int channel = fw.openChannel();
            rule("CONN-REF-5", "a client id with non-null data and length 0 is accepted")
                    .assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    channel,
                                    Devices.connectRequest(port)
                                            .clientId(MvSizedString.EMPTY)
                                            .build()))
                    .isEqualTo(MvStatus.OKAY);
            int second = fw.openChannel();
            MvMqttWill will = new MvMqttWill(MvSizedString.of("tck/will"), MvSizedString.EMPTY, 0, 0);
            rule("CONN-REF-5", "a will payload with non-null data and length 0 is accepted")
                    .assertThat(fw.mv()
                            .mvMqttRequestConnect(
                                    second,
                                    Devices.connectRequest(port).will(will).build()))
                    .isEqualTo(MvStatus.OKAY);
        }
    }

    @DeviceTest
    @Asserts("CONN-REF-3")
    void connectChecksInTheReferenceOrder(TckSettings settings) {
        int port = Devices.deadPort();
        MvMqttConnectRequest faultyHost = Devices.connectRequest(port)
                .host(MvSizedString.raw(new byte[] {'a'}, 50))
                .build();
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            rule("CONN-REF-3", "PARAMETERFAULT before INVALIDHANDLE")
                    .assertThat(mv.mvMqttRequestConnect(0, null))
                    .isEqualTo(MvStatus.PARAMETERFAULT);
            rule("CONN-REF-3", "INVALIDHANDLE before LATEFAULT")
                    .assertThat(mv.mvMqttRequestConnect(0, faultyHost))
                    .isEqualTo(MvStatus.INVALIDHANDLE);
            // TOOMANYELEMENTS before INVALIDAUTHENTICATION before REQUIREDELEMENTMISSING
            MvMqttConnectRequest tooManyBadAuthNoHost = Devices.connectRequest(port)
                    .host("")
                    .tlsCredentials(MvTlsCredentials.serverOnly(Devices.chain(9)))
                    .authentication(new MvMqttAuthentication(9, null))
                    .build();
            refused(
                    mv,
                    channel,
                    tooManyBadAuthNoHost,
                    MvStatus.TOOMANYELEMENTS,
                    rule("CONN-REF-3", "TOOMANYELEMENTS before INVALIDAUTHENTICATION"));
            MvMqttConnectRequest badAuthNoHost = Devices.connectRequest(port)
                    .host("")
                    .authentication(new MvMqttAuthentication(9, null))
                    .build();
            refused(
                    mv,
                    channel,
                    badAuthNoHost,
                    MvStatus.INVALIDAUTHENTICATION,
                    rule("CONN-REF-3", "INVALIDAUTHENTICATION before REQUIREDELEMENTMISSING"));
            // LATEFAULT before TOOMANYELEMENTS
            MvMqttConnectRequest faultyAndTooMany = faultyHost.toBuilder()
                    .tlsCredentials(MvTlsCredentials.serverOnly(Devices.chain(9)))
                    .build();
            rule("CONN-REF-3", "LATEFAULT before TOOMANYELEMENTS")
                    .assertThat(mv.mvMqttRequestConnect(channel, faultyAndTooMany))
                    .isEqualTo(MvStatus.LATEFAULT);
            // CHANNELCLOSED (the LATEFAULT left the channel unusable) before REQUESTALREADYSENT and LATEFAULT
            rule("CONN-REF-3", "CHANNELCLOSED before LATEFAULT")
                    .assertThat(mv.mvMqttRequestConnect(channel, faultyHost))
                    .isEqualTo(MvStatus.CHANNELCLOSED);
            rule("CONN-REF-3", "a channel left unusable")
                    .assertThat(mv.mvMqttRequestConnect(
                            channel, Devices.connectRequest(port).build()))
                    .isEqualTo(MvStatus.CHANNELCLOSED);
        }
        try (Firmware fw = Firmware.start(settings)) {
            Microvisor mv = fw.mv();
            int channel = fw.openChannel();
            assertThat(mv.mvMqttRequestConnect(
                            channel, Devices.connectRequest(port).build()))
                    .as("first connect")
                    .isEqualTo(MvStatus.OKAY);
            rule("CONN-REF-3", "REQUESTALREADYSENT before LATEFAULT")
                    .assertThat(mv.mvMqttRequestConnect(channel, faultyHost))
                    .isEqualTo(MvStatus.REQUESTALREADYSENT);
            fw.awaitReadable(channel, MvMqttReadableDataType.CONNECTRESPONSE);
            MvMqttConnectResponse r = new MvMqttConnectResponse();
            rule("CONN-REF-3", "the channel is still usable (no LATEFAULT happened)")
                    .assertThat(mv.mvMqttReadConnectResponse(channel, r))
                    .isEqualTo(MvStatus.OKAY);
        }
    }
}
