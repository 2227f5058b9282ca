package dev.mvmqtt.spec.api.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every constant of every enumeration in {@code dev.mvmqtt.spec.api.codes} against the table of
 * spec-facts.md ("Enumerations"), written out here: name, code, header order; lookup by code and by
 * name; and undefined codes as values, never exceptions (catalogue CODE-*).
 */
class CodesTest {

    private static final Map<Class<? extends CodedValue>, Map<String, Integer>> EXPECTED = new LinkedHashMap<>();

    private static Map<String, Integer> table(Object... nameCode) {
        Map<String, Integer> t = new LinkedHashMap<>();
        for (int i = 0; i < nameCode.length; i += 2) {
            t.put((String) nameCode[i], (Integer) nameCode[i + 1]);
        }
        return t;
    }

    static {
        EXPECTED.put(
                MvStatus.class,
                table(
                        "OKAY",
                        0x00,
                        "TIMENOTSET",
                        0x01,
                        "PARAMETERFAULT",
                        0x02,
                        "INVALIDBUFFERSIZE",
                        0x03,
                        "PERIPHERALACCESSFAULT",
                        0x04,
                        "BUFFERALREADYINUSE",
                        0x05,
                        "INVALIDINTERRUPT",
                        0x06,
                        "INVALIDHANDLE",
                        0x07,
                        "TOOMANYNOTIFICATIONBUFFERS",
                        0x08,
                        "INVALIDVECTOR",
                        0x09,
                        "UNAVAILABLE",
                        0x0a,
                        "UNSUPPORTEDSTRUCTUREVERSION",
                        0x0b,
                        "TOOMANYCHANNELS",
                        0x0c,
                        "UNKNOWNCHANNELENDPOINT",
                        0x0d,
                        "UNKNOWNCHANNELTYPE",
                        0x0e,
                        "CHANNELCLOSED",
                        0x0f,
                        "NETWORKNOTCONNECTED",
                        0x10,
                        "RATELIMITED",
                        0x11,
                        "INVALIDBUFFERALIGNMENT",
                        0x12,
                        "LATEFAULT",
                        0x13,
                        "RESPONSENOTPRESENT",
                        0x14,
                        "INDEXINVALID",
                        0x15,
                        "OFFSETINVALID",
                        0x16,
                        "REQUESTALREADYSENT",
                        0x17,
                        "REQUESTUNSUCCESSFUL",
                        0x18,
                        "LOGMESSAGETOOLONG",
                        0x19,
                        "LOGGINGDISABLEDBYSERVER",
                        0x1a,
                        "TOOMANYCONFIGKEYS",
                        0x1b,
                        "UNKNOWNCONFIGSTORE",
                        0x1c,
                        "UNKNOWNCONFIGSCOPE",
                        0x1d,
                        "INVALIDCONFIGKEY",
                        0x1e,
                        "INVALIDAUTHENTICATION",
                        0x1f,
                        "WRONGDATAREQUESTED",
                        0x20,
                        "INTERNALERROR",
                        0x21,
                        "TOOMANYELEMENTS",
                        0x22,
                        "REQUIREDELEMENTMISSING",
                        0x23,
                        "MICROVISORBUSY",
                        0x24,
                        "ADDRESSOUTOFRANGE",
                        0x25,
                        "INPUTTOOLONG",
                        0x26));
        EXPECTED.put(
                MvMqttRequestState.class,
                table(
                        "REQUESTCOMPLETED",
                        0,
                        "INVALIDPARAMETERS",
                        1,
                        "ALREADYCONNECTED",
                        2,
                        "NOTCONNECTED",
                        3,
                        "NXDOMAIN",
                        4,
                        "UNKNOWNCA",
                        5,
                        "CERTIFICATEEXPIRED",
                        6,
                        "SOCKETERROR",
                        7,
                        "CONNECTIONCIRCUITBREAKER",
                        8));
        EXPECTED.put(
                MvMqttReadableDataType.class,
                table(
                        "NONE",
                        0,
                        "MESSAGERECEIVED",
                        1,
                        "MESSAGELOST",
                        2,
                        "CONNECTRESPONSE",
                        3,
                        "SUBSCRIBERESPONSE",
                        4,
                        "UNSUBSCRIBERESPONSE",
                        5,
                        "PUBLISHRESPONSE",
                        6,
                        "DISCONNECTRESPONSE",
                        7));
        EXPECTED.put(MvMqttProtocolVersion.class, table("V3_1_1", 0, "V5", 1));
        EXPECTED.put(MvMqttAuthenticationMethod.class, table("NONE", 0, "USERNAMEPASSWORD", 1));
        EXPECTED.put(MvChannelType.class, table("OPAQUEBYTES", 0, "MQTT", 1, "HTTP", 2, "CONFIGFETCH", 3));
        EXPECTED.put(
                MvEventType.class,
                table(
                        "NOEVENT",
                        0,
                        "NETWORKSTATUSCHANGED",
                        1,
                        "CHANNELDATAREADABLE",
                        2,
                        "CHANNELDATAWRITESPACE",
                        3,
                        "CHANNELNOTCONNECTED",
                        4,
                        "UPDATEDOWNLOADED",
                        5));
        EXPECTED.put(
                MvNetworkStatus.class,
                table("DELIBERATELYOFFLINE", 0, "CONNECTED", 1, "CONNECTING", 2, "DISCONNECTEDWITHLINKUP", 3));
        EXPECTED.put(
                MvClosureReason.class,
                table(
                        "NONE",
                        0,
                        "CHANNELCLOSEDBYSERVER",
                        1,
                        "CHANNELRESETBYSERVER",
                        2,
                        "NETWORKDISCONNECTED",
                        3,
                        "CONNECTIONTERMINATED",
                        4,
                        "NOTYETOPEN",
                        5,
                        "CLOSEDBYAPPLICATION",
                        6,
                        "UNEXPECTEDLYTERMINATED",
                        7));
        EXPECTED.put(MvMqttLostMessageReason.class, table("DEVICERECEIVEBUFFERTOOSMALL", 0));
    }

    private static CodedValue of(Class<?> type, int code) throws ReflectiveOperationException {
        return (CodedValue) type.getMethod("of", int.class).invoke(null, code);
    }

    private static CodedValue named(Class<?> type, String name) throws ReflectiveOperationException {
        return (CodedValue) type.getMethod("named", String.class).invoke(null, name);
    }

    @SuppressWarnings("unchecked")
    private static List<CodedValue> values(Class<?> type) throws ReflectiveOperationException {
        return (List<CodedValue>) type.getMethod("values").invoke(null);
    }

    @Test
    void everyEnumerationClassOfThePackageIsInTheTable() throws IOException, URISyntaxException {
        Path dir = Path.of(CodedValue.class.getResource("CodedValue.class").toURI())
                .getParent();
        List<String> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class")
                            && !n.contains("$")
                            && !n.equals("CodedValue.class")
                            && !n.equals("package-info.class")
                            && !n.endsWith("Test.class"))
                    .forEach(n -> classes.add(n.substring(0, n.length() - ".class".length())));
        }
        assertThat(classes)
                .containsExactlyInAnyOrderElementsOf(
                        EXPECTED.keySet().stream().map(Class::getSimpleName).toList());
        EXPECTED.keySet().forEach(c -> assertThat(CodedValue.class).isAssignableFrom(c));
    }

    @Test
    void valuesAreTheHeaderConstantsInHeaderOrder() throws ReflectiveOperationException {
        for (var e : EXPECTED.entrySet()) {
            List<CodedValue> values = values(e.getKey());
            assertThat(values)
                    .as("%s.values()", e.getKey().getSimpleName())
                    .extracting(CodedValue::name)
                    .containsExactlyElementsOf(e.getValue().keySet());
            assertThat(values)
                    .extracting(CodedValue::code)
                    .containsExactlyElementsOf(e.getValue().values());
            assertThat(values).allSatisfy(v -> assertThat(v.isKnown()).isTrue());
        }
    }

    @Test
    void everyPublicConstantHasItsFieldNameAndCode() throws ReflectiveOperationException {
        for (var e : EXPECTED.entrySet()) {
            Class<?> type = e.getKey();
            Map<String, Integer> fields = new LinkedHashMap<>();
            for (Field f : type.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && f.getType() == type) {
                    CodedValue v = (CodedValue) f.get(null);
                    assertThat(v.name())
                            .as("%s.%s name", type.getSimpleName(), f.getName())
                            .isEqualTo(f.getName());
                    fields.put(f.getName(), v.code());
                }
            }
            assertThat(fields)
                    .as("public constants of %s", type.getSimpleName())
                    .containsExactlyInAnyOrderEntriesOf(e.getValue());
        }
    }

    @Test
    void lookupByCodeAndByNameRoundTrips() throws ReflectiveOperationException {
        for (var e : EXPECTED.entrySet()) {
            Class<?> type = e.getKey();
            for (var c : e.getValue().entrySet()) {
                CodedValue byCode = of(type, c.getValue());
                assertThat(byCode.name())
                        .as("%s.of(%d)", type.getSimpleName(), c.getValue())
                        .isEqualTo(c.getKey());
                assertThat(byCode.code()).isEqualTo(c.getValue());
                assertThat(byCode.isKnown()).isTrue();
                assertThat(byCode).isInstanceOf(type);
                assertThat(named(type, c.getKey())).isSameAs(byCode);
                assertThat(of(type, byCode.code())).isSameAs(byCode);
                assertThat(byCode.toString()).isEqualTo(c.getKey() + String.format(" (0x%02x)", c.getValue()));
            }
        }
    }

    @Test
    void anUndefinedCodeIsAValueNotAnException() throws ReflectiveOperationException {
        for (var e : EXPECTED.entrySet()) {
            Class<?> type = e.getKey();
            int max = e.getValue().values().stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElseThrow();
            for (int code : new int[] {max + 1, 0x99, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
                CodedValue v = of(type, code);
                assertThat(v).as("%s.of(%d)", type.getSimpleName(), code).isInstanceOf(type);
                assertThat(v.isKnown()).isFalse();
                assertThat(v.code()).isEqualTo(code);
                assertThat(v.name()).startsWith("UNKNOWN(");
                assertThat(v).isEqualTo(of(type, code)).hasSameHashCodeAs(of(type, code));
                assertThat(values(type)).doesNotContain(v);
            }
        }
    }

    @Test
    void valuesOfDifferentEnumerationsNeverEqual() {
        assertThat(MvStatus.OKAY.code()).isEqualTo(MvMqttRequestState.REQUESTCOMPLETED.code());
        assertThat((Object) MvStatus.OKAY).isNotEqualTo(MvMqttRequestState.REQUESTCOMPLETED);
        assertThat((Object) MvMqttReadableDataType.NONE).isNotEqualTo(MvClosureReason.NONE);
    }

    @Test
    void anUnknownNameIsRejected() {
        assertThatThrownBy(() -> MvStatus.named("NOSUCHSTATUS")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MvStatus.named("UNKNOWN(0x99)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesIsUnmodifiable() {
        List<MvStatus> values = MvStatus.values();
        assertThatThrownBy(() -> values.add(MvStatus.OKAY)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(MvStatus.values()).hasSize(39);
    }
}
