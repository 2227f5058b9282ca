package dev.mvmqtt.tck.tests.device;

import static dev.mvmqtt.tck.RuleCheck.rule;

import dev.mvmqtt.spec.api.codes.CodedValue;
import dev.mvmqtt.spec.api.codes.MvChannelType;
import dev.mvmqtt.spec.api.codes.MvClosureReason;
import dev.mvmqtt.spec.api.codes.MvEventType;
import dev.mvmqtt.spec.api.codes.MvMqttAuthenticationMethod;
import dev.mvmqtt.spec.api.codes.MvMqttLostMessageReason;
import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;
import dev.mvmqtt.spec.api.codes.MvMqttReadableDataType;
import dev.mvmqtt.spec.api.codes.MvMqttRequestState;
import dev.mvmqtt.spec.api.codes.MvNetworkStatus;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.RuleCheck;
import dev.mvmqtt.tck.junit.DeviceTest;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The numeric codes of every enumeration, against the header's tables written out here (not read from
 * the API classes), so a renumbered or missing constant fails.
 */
class CodeTests {

    private static <T extends CodedValue> void checkTable(
            RuleCheck rule, String[] names, int[] codes, Supplier<List<T>> values, IntFunction<T> of) {
        List<T> all = values.get();
        rule.with("number of constants").assertThat(all).hasSize(names.length);
        for (int i = 0; i < names.length; i++) {
            T v = all.get(i);
            rule.with("constant %d in header order", i).assertThat(v.name()).isEqualTo(names[i]);
            rule.with("code of %s", names[i]).assertThat(v.code()).isEqualTo(codes[i]);
            rule.with("%s is a header constant", names[i])
                    .assertThat(v.isKnown())
                    .isTrue();
            rule.with("of(0x%02x) maps to %s", codes[i], names[i])
                    .assertThat(of.apply(codes[i]))
                    .isEqualTo(v);
            rule.with("of(0x%02x).name()", codes[i])
                    .assertThat(of.apply(codes[i]).name())
                    .isEqualTo(names[i]);
        }
        int undefined = codes[codes.length - 1] + 1;
        rule.with("of(0x%02x), a code the header does not define, is unknown", undefined)
                .assertThat(of.apply(undefined).isKnown())
                .isFalse();
        rule.with("an unknown code keeps its number")
                .assertThat(of.apply(undefined).code())
                .isEqualTo(undefined);
    }

    private static int[] sequence(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i;
        }
        return c;
    }

    @DeviceTest
    @Asserts("CODE-STATUS-1")
    void statusCodes() {
        String[] names = {
            "OKAY",
            "TIMENOTSET",
            "PARAMETERFAULT",
            "INVALIDBUFFERSIZE",
            "PERIPHERALACCESSFAULT",
            "BUFFERALREADYINUSE",
            "INVALIDINTERRUPT",
            "INVALIDHANDLE",
            "TOOMANYNOTIFICATIONBUFFERS",
            "INVALIDVECTOR",
            "UNAVAILABLE",
            "UNSUPPORTEDSTRUCTUREVERSION",
            "TOOMANYCHANNELS",
            "UNKNOWNCHANNELENDPOINT",
            "UNKNOWNCHANNELTYPE",
            "CHANNELCLOSED",
            "NETWORKNOTCONNECTED",
            "RATELIMITED",
            "INVALIDBUFFERALIGNMENT",
            "LATEFAULT",
            "RESPONSENOTPRESENT",
            "INDEXINVALID",
            "OFFSETINVALID",
            "REQUESTALREADYSENT",
            "REQUESTUNSUCCESSFUL",
            "LOGMESSAGETOOLONG",
            "LOGGINGDISABLEDBYSERVER",
            "TOOMANYCONFIGKEYS",
            "UNKNOWNCONFIGSTORE",
            "UNKNOWNCONFIGSCOPE",
            "INVALIDCONFIGKEY",
            "INVALIDAUTHENTICATION",
            "WRONGDATAREQUESTED",
            "INTERNALERROR",
            "TOOMANYELEMENTS",
            "REQUIREDELEMENTMISSING",
            "MICROVISORBUSY",
            "ADDRESSOUTOFRANGE",
            "INPUTTOOLONG"
        };
        rule("CODE-STATUS-1", "39 constants, OKAY 0x00 through INPUTTOOLONG 0x26")
                .assertThat(names)
                .hasSize(39);
        checkTable(rule("CODE-STATUS-1"), names, sequence(39), MvStatus::values, MvStatus::of);
        rule("CODE-STATUS-1", "INPUTTOOLONG")
                .assertThat(MvStatus.INPUTTOOLONG.code())
                .isEqualTo(0x26);
        rule("CODE-STATUS-1", "INVALIDBUFFERALIGNMENT")
                .assertThat(MvStatus.named("INVALIDBUFFERALIGNMENT").code())
                .isEqualTo(0x12);
    }

    @DeviceTest
    @Asserts("CODE-STATE-1")
    void requestStateCodes() {
        checkTable(
                rule("CODE-STATE-1"),
                new String[] {
                    "REQUESTCOMPLETED",
                    "INVALIDPARAMETERS",
                    "ALREADYCONNECTED",
                    "NOTCONNECTED",
                    "NXDOMAIN",
                    "UNKNOWNCA",
                    "CERTIFICATEEXPIRED",
                    "SOCKETERROR",
                    "CONNECTIONCIRCUITBREAKER"
                },
                sequence(9),
                MvMqttRequestState::values,
                MvMqttRequestState::of);
    }

    @DeviceTest
    @Asserts("CODE-DATATYPE-1")
    void readableDataTypeCodes() {
        checkTable(
                rule("CODE-DATATYPE-1"),
                new String[] {
                    "NONE",
                    "MESSAGERECEIVED",
                    "MESSAGELOST",
                    "CONNECTRESPONSE",
                    "SUBSCRIBERESPONSE",
                    "UNSUBSCRIBERESPONSE",
                    "PUBLISHRESPONSE",
                    "DISCONNECTRESPONSE"
                },
                sequence(8),
                MvMqttReadableDataType::values,
                MvMqttReadableDataType::of);
    }

    @DeviceTest
    @Asserts("CODE-VERSION-1")
    void protocolVersionCodes() {
        checkTable(
                rule("CODE-VERSION-1"),
                new String[] {"V3_1_1", "V5"},
                sequence(2),
                MvMqttProtocolVersion::values,
                MvMqttProtocolVersion::of);
    }

    @DeviceTest
    @Asserts("CODE-AUTH-1")
    void authenticationMethodCodes() {
        checkTable(
                rule("CODE-AUTH-1"),
                new String[] {"NONE", "USERNAMEPASSWORD"},
                sequence(2),
                MvMqttAuthenticationMethod::values,
                MvMqttAuthenticationMethod::of);
    }

    @DeviceTest
    @Asserts("CODE-CHANTYPE-1")
    void channelTypeCodes() {
        checkTable(
                rule("CODE-CHANTYPE-1"),
                new String[] {"OPAQUEBYTES", "MQTT", "HTTP", "CONFIGFETCH"},
                sequence(4),
                MvChannelType::values,
                MvChannelType::of);
    }

    @DeviceTest
    @Asserts("CODE-EVENT-1")
    void eventTypeCodes() {
        checkTable(
                rule("CODE-EVENT-1"),
                new String[] {
                    "NOEVENT",
                    "NETWORKSTATUSCHANGED",
                    "CHANNELDATAREADABLE",
                    "CHANNELDATAWRITESPACE",
                    "CHANNELNOTCONNECTED",
                    "UPDATEDOWNLOADED"
                },
                sequence(6),
                MvEventType::values,
                MvEventType::of);
    }

    @DeviceTest
    @Asserts("CODE-NETSTATUS-1")
    void networkStatusCodes() {
        checkTable(
                rule("CODE-NETSTATUS-1"),
                new String[] {"DELIBERATELYOFFLINE", "CONNECTED", "CONNECTING", "DISCONNECTEDWITHLINKUP"},
                sequence(4),
                MvNetworkStatus::values,
                MvNetworkStatus::of);
    }

    @DeviceTest
    @Asserts("CODE-CLOSURE-1")
    void closureReasonCodes() {
        checkTable(
                rule("CODE-CLOSURE-1"),
                new String[] {
                    "NONE",
                    "CHANNELCLOSEDBYSERVER",
                    "CHANNELRESETBYSERVER",
                    "NETWORKDISCONNECTED",
                    "CONNECTIONTERMINATED",
                    "NOTYETOPEN",
                    "CLOSEDBYAPPLICATION",
                    "UNEXPECTEDLYTERMINATED"
                },
                sequence(8),
                MvClosureReason::values,
                MvClosureReason::of);
    }

    @DeviceTest
    @Asserts("CODE-LOSTREASON-1")
    void lostMessageReasonCodes() {
        checkTable(
                rule("CODE-LOSTREASON-1"),
                new String[] {"DEVICERECEIVEBUFFERTOOSMALL"},
                sequence(1),
                MvMqttLostMessageReason::values,
                MvMqttLostMessageReason::of);
    }
}
