package dev.mvmqtt.tck.tests.connection;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;
import static dev.mvmqtt.tck.tests.connection.ConnectionSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvmqtt.spec.api.codes.MvMqttAuthenticationMethod;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.mqtt.MvMqttAuthentication;
import dev.mvmqtt.spec.api.mqtt.MvMqttConnectResponse;
import dev.mvmqtt.spec.api.mqtt.MvMqttPublishRequest;
import dev.mvmqtt.spec.api.mqtt.MvMqttUsernamePassword;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.broker.Credentials;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.junit.TargetTest;
import dev.mvmqtt.tck.junit.TckTarget;
import dev.mvmqtt.tck.observer.Observer;
import dev.mvmqtt.tck.target.MqttVersion;
import org.junit.jupiter.api.Assumptions;

/**
 * AUTH against the TCK's brokers, which accept anonymous clients and check the password of a client that sends a
 * user name (so a wrong password is the control that proves the credentials are really sent and checked).
 */
class AuthenticationTests {

    private static MvMqttAuthentication userPass(String user, String password) {
        return MvMqttAuthentication.usernamePassword(user, password);
    }

    @TargetTest
    @Asserts("AUTH-UP-1")
    void rightCredentialsAreAcceptedAndWrongOnesAreNot(TckTarget target) {
        Credentials creds = target.credentials();
        String topic = target.uniqueTopic("auth-up");
        byte[] payload = utf8("authenticated");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            // control: the broker checks passwords, so a device that sends the credentials is refused with a wrong one
            int wrong = fw.openChannel();
            MvMqttConnectResponse refused = fw.connect(
                    wrong,
                    Firmware.connectRequest(target, target.uniqueClientId("bad"))
                            .authentication(userPass(creds.username(), creds.wrongPassword()))
                            .build());
            rule("AUTH-UP-1", "control: a wrong password must not connect: the credentials are sent and checked")
                    .assertThat(refused.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);

            int ch = fw.openChannel();
            MvMqttConnectResponse ok = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("good"))
                            .authentication(userPass(creds.username(), creds.password()))
                            .build());
            rule("AUTH-UP-1", "the right user name and password")
                    .assertThat(ok.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(1, topic, payload, 1, false))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.is(topic, payload));
        }
    }

    @TargetTest
    @Asserts({"AUTH-REF-2", "CONN-REF-2", "CONN-OK-2", "GEN-REF-7"})
    void wrongPasswordIsRefusedWithTheBrokersCode(TckTarget target) {
        Credentials creds = target.credentials();
        try (Firmware fw = Firmware.start(target)) {
            int ch = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    ch,
                    Firmware.connectRequest(target, target.uniqueClientId("badcode"))
                            .authentication(userPass(creds.username(), creds.wrongPassword()))
                            .build());
            rule("CONN-OK-2", "a broker refusing the connection never gives REQUESTCOMPLETED")
                    .assertThat(r.state())
                    .isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            rules("AUTH-REF-2", "CONN-REF-2", "GEN-REF-7")
                    .as("a broker refusal is NOTCONNECTED")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.NOTCONNECTED);
            if (target.version() == MqttVersion.V5) {
                rule(
                                "AUTH-REF-2",
                                "the broker's MQTT 5 CONNACK reason (0x86 bad user name or password / 0x87 not authorized)")
                        .assertThat(r.reasonCode)
                        .isIn(0x86, 0x87);
            } else {
                rule(
                                "AUTH-REF-2",
                                "the broker's 3.1.1 CONNACK return code (4 bad user name or password / 5 not authorised)")
                        .assertThat(r.reasonCode)
                        .isIn(4, 5);
            }
        }
    }

    @TargetTest
    @Asserts("AUTH-NONE-1")
    void methodNoneSendsNoCredentialsAndAnonymousBrokerAccepts(TckTarget target) {
        Assumptions.assumeTrue(
                target.anonymousAccepted(),
                "AUTH-NONE-1 needs a broker that accepts anonymous clients;" + " target " + target.id()
                        + " refuses them");
        String topic = target.uniqueTopic("auth-none");
        byte[] payload = utf8("anonymous");
        try (Firmware fw = Firmware.start(target);
                Observer observer = target.observer()) {
            observer.subscribe(topic, 1);
            // username_password null
            int ch = fw.connected(
                    target,
                    Firmware.connectRequest(target, target.uniqueClientId("anon"))
                            .authentication(MvMqttAuthentication.NONE)
                            .build());
            assertThat(fw.publish(ch, MvMqttPublishRequest.of(1, topic, payload, 1, false))
                            .state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
            observer.awaitMessages(1, fw.timeout(), m -> m.is(topic, payload));

            // with method NONE nothing is sent even when the struct holds (wrong) credentials: the broker would refuse
            // them
            Credentials creds = target.credentials();
            MvMqttAuthentication noneWithCreds = new MvMqttAuthentication(
                    MvMqttAuthenticationMethod.NONE.code(),
                    MvMqttUsernamePassword.of(creds.username(), creds.wrongPassword()));
            int second = fw.openChannel();
            MvMqttConnectResponse r = fw.connect(
                    second,
                    Firmware.connectRequest(target, target.uniqueClientId("anon2"))
                            .authentication(noneWithCreds)
                            .build());
            rule("AUTH-NONE-1", "method NONE sends no credentials, so the anonymous-accepting broker connects")
                    .assertThat(r.state())
                    .isEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        }
    }
}
