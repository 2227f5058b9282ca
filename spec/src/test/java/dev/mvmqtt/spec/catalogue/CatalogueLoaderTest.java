package dev.mvmqtt.spec.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The loader reads a well-formed document and rejects a malformed one with a message naming the entry. */
class CatalogueLoaderTest {

    private static final String GOOD_ENTRY = """
            {"id":"CHAN-BUF-1","statement":"Misaligned send buffer answers INVALIDBUFFERALIGNMENT.","level":"must",
             "source":"guide","mqttVersions":["3.1.1","5"],"calls":["mvOpenChannel"],"needsBroker":false}""";

    private static final String REF_ENTRY = """
            {"id":"CHAN-REF-1","statement":"Misaligned receive buffer answers INVALIDBUFFERALIGNMENT.","level":"reference",
             "source":"reference","mqttVersions":["5"],"calls":[],"needsBroker":true,"note":"Decision 7. Why."}""";

    private static String doc(String... entries) {
        return """
                {"schemaVersion":1,"groups":[{"id":"CHAN","title":"Channels"},{"id":"GEN","title":"General"}],
                 "assertions":[%s]}""".formatted(String.join(",", entries));
    }

    /** {@link #GOOD_ENTRY} with one field's JSON text replaced. */
    private static String entryWith(String field, String json) {
        String e = GOOD_ENTRY.replaceFirst(
                "\"" + field + "\":(\"[^\"]*\"|\\[[^\\]]*\\]|true|false)", "\"" + field + "\":" + json);
        assertThat(e).as("test setup: field %s replaced", field).isNotEqualTo(GOOD_ENTRY);
        return e;
    }

    private static void rejected(String document, String... messageParts) {
        assertThatThrownBy(() -> Catalogue.parse(document))
                .isInstanceOf(CatalogueException.class)
                .message()
                .contains(messageParts);
    }

    @Test
    void readsAWellFormedDocument() {
        Catalogue c = Catalogue.parse(doc(GOOD_ENTRY, REF_ENTRY));
        assertThat(c.schemaVersion()).isEqualTo(1);
        assertThat(c.groups()).containsExactly(new Group("CHAN", "Channels"), new Group("GEN", "General"));
        assertThat(c.ids()).containsExactly("CHAN-BUF-1", "CHAN-REF-1");
        Assertion a = c.byId("CHAN-BUF-1").orElseThrow();
        assertThat(a.level()).isEqualTo(Level.MUST);
        assertThat(a.source()).isEqualTo(Source.GUIDE);
        assertThat(a.mqttVersions()).containsExactly("3.1.1", "5");
        assertThat(a.calls()).containsExactly("mvOpenChannel");
        assertThat(a.needsBroker()).isFalse();
        assertThat(a.note()).isEmpty();
        Assertion r = c.byId("CHAN-REF-1").orElseThrow();
        assertThat(r.level()).isEqualTo(Level.REFERENCE);
        assertThat(r.source()).isEqualTo(Source.REFERENCE);
        assertThat(r.appliesTo("5")).isTrue();
        assertThat(r.appliesTo("3.1.1")).isFalse();
        assertThat(r.binds("mvAnything")).as("no calls named: binds every call").isTrue();
        assertThat(r.note()).hasValue("Decision 7. Why.");
        assertThat(c.inGroup("GEN")).isEmpty();
        assertThat(c.naming("mvOpenChannel")).containsExactly(a);
    }

    @Test
    void readsFromAStream() {
        Catalogue c = Catalogue.load(new ByteArrayInputStream(doc(GOOD_ENTRY).getBytes(StandardCharsets.UTF_8)), "mem");
        assertThat(c.assertions()).hasSize(1);
        assertThatThrownBy(() ->
                        Catalogue.load(new ByteArrayInputStream("{".getBytes(StandardCharsets.UTF_8)), "broken.json"))
                .isInstanceOf(CatalogueException.class)
                .hasMessageStartingWith("broken.json: not valid JSON");
    }

    @Test
    void rejectsAnUnknownLevel() {
        rejected(doc(entryWith("level", "\"should\"")), "assertions[0] (id CHAN-BUF-1)", "unknown level \"should\"");
        rejected(doc(entryWith("level", "\"MUST\"")), "assertions[0] (id CHAN-BUF-1)", "unknown level \"MUST\"");
    }

    @Test
    void rejectsAnUnknownSource() {
        rejected(doc(entryWith("source", "\"rfc\"")), "(id CHAN-BUF-1)", "unknown source \"rfc\"");
    }

    @Test
    void rejectsALevelThatDisagreesWithTheSource() {
        rejected(
                doc(entryWith("source", "\"reference\"")),
                "(id CHAN-BUF-1)",
                "level must does not agree with source reference");
        rejected(
                doc(REF_ENTRY.replace("\"source\":\"reference\"", "\"source\":\"header\"")),
                "(id CHAN-REF-1)",
                "level reference does not agree with source header");
    }

    @Test
    void rejectsADuplicateId() {
        rejected(
                doc(GOOD_ENTRY, REF_ENTRY, GOOD_ENTRY),
                "assertions[2] (id CHAN-BUF-1)",
                "duplicate id CHAN-BUF-1",
                "assertions[0]");
    }

    @Test
    void rejectsABadIdFormat() {
        for (String bad :
                new String[] {"chan-buf-1", "CHAN-BUF", "CHAN_BUF_1", "CHAN-1-BUF", "CHAN--1", "CHAN-BUF-1a", "1"}) {
            rejected(
                    doc(entryWith("id", "\"" + bad + "\"")),
                    "assertions[0] (id " + bad + ")",
                    "bad id format \"" + bad + "\"");
        }
    }

    @Test
    void rejectsAnIdOutsideTheDeclaredGroups() {
        rejected(doc(entryWith("id", "\"PUB-REF-1\"")), "(id PUB-REF-1)", "id prefix PUB is not a declared group");
    }

    @Test
    void rejectsMissingAndMistypedFields() {
        rejected(
                doc(GOOD_ENTRY.replace("\"needsBroker\":false", "\"needsBroker\":\"no\"")),
                "(id CHAN-BUF-1)",
                "needsBroker must be true or false");
        rejected(
                doc(GOOD_ENTRY.replace(",\"needsBroker\":false", "")),
                "(id CHAN-BUF-1)",
                "missing field \"needsBroker\"");
        rejected(
                doc(entryWith("statement", "\"  \"")),
                "(id CHAN-BUF-1)",
                "field \"statement\" must be a non-empty string");
        rejected(doc(entryWith("calls", "\"mvOpenChannel\"")), "(id CHAN-BUF-1)", "field \"calls\" must be an array");
        rejected(
                doc(entryWith("calls", "[\"mvOpenChannel\",\"mvOpenChannel\"]")),
                "(id CHAN-BUF-1)",
                "names \"mvOpenChannel\" twice");
        rejected(doc(entryWith("calls", "[\"open channel\"]")), "(id CHAN-BUF-1)", "bad call name \"open channel\"");
        rejected(doc(entryWith("calls", "[42]")), "(id CHAN-BUF-1)", "must hold non-empty strings");
        rejected(doc(GOOD_ENTRY.replace("\"id\":\"CHAN-BUF-1\",", "")), "assertions[0]", "missing field \"id\"");
    }

    @Test
    void rejectsUnknownMqttVersions() {
        rejected(doc(entryWith("mqttVersions", "[\"3.1\"]")), "(id CHAN-BUF-1)", "unknown MQTT version \"3.1\"");
        rejected(
                doc(entryWith("mqttVersions", "[]")), "(id CHAN-BUF-1)", "mqttVersions must name at least one version");
    }

    @Test
    void rejectsUnknownFields() {
        rejected(
                doc(GOOD_ENTRY.replace("\"level\":", "\"lvl\":\"must\",\"level\":")),
                "(id CHAN-BUF-1)",
                "unknown field \"lvl\"");
        rejected(
                doc(GOOD_ENTRY).replace("\"schemaVersion\":1", "\"schemaVersion\":1,\"extra\":0"),
                "document",
                "unknown field \"extra\"");
    }

    @Test
    void rejectsADuplicateKey() {
        rejected(
                doc(GOOD_ENTRY.replace("\"level\":\"must\"", "\"level\":\"must\",\"level\":\"reference\"")),
                "not valid JSON",
                "Duplicate field 'level'");
    }

    @Test
    void rejectsMalformedDocuments() {
        rejected("", "not valid JSON");
        rejected("[]", "document", "must be a JSON object");
        rejected(
                "{\"schemaVersion\":1,\"groups\":[{\"id\":\"CHAN\",\"title\":\"x\"}],\"assertions\":[",
                "not valid JSON");
        rejected(doc(GOOD_ENTRY) + " {}", "not valid JSON");
        rejected(doc(GOOD_ENTRY).replace("\"schemaVersion\":1", "\"schemaVersion\":2"), "unsupported schemaVersion 2");
        rejected(
                "{\"schemaVersion\":1,\"groups\":[{\"id\":\"CHAN\",\"title\":\"x\"}],\"assertions\":{}}",
                "document",
                "field \"assertions\" must be an array");
        rejected(doc("42"), "assertions[0]", "must be an object");
    }

    @Test
    void rejectsBadGroups() {
        rejected("{\"schemaVersion\":1,\"groups\":[],\"assertions\":[]}", "groups", "at least one group");
        rejected(
                "{\"schemaVersion\":1,\"groups\":[{\"id\":\"Chan\",\"title\":\"x\"}],\"assertions\":[]}",
                "groups[0] (id Chan)",
                "bad group id");
        rejected(
                "{\"schemaVersion\":1,\"groups\":[{\"id\":\"A\",\"title\":\"x\"},{\"id\":\"A\",\"title\":\"y\"}],\"assertions\":[]}",
                "groups[1] (id A)",
                "duplicate group id A");
    }
}
