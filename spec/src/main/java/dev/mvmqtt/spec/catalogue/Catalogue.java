package dev.mvmqtt.spec.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The assertion catalogue: every rule of the Microvisor MQTT API by id ({@code spec/catalogue.json},
 * shipped in the spec jar as {@value #RESOURCE}; schema in {@code spec/CATALOGUE.md}).
 *
 * <p>Loading validates the document and fails with a {@link CatalogueException} naming the bad entry:
 * unknown or missing fields, ids not matching {@link #ID_PATTERN}, duplicate ids, ids whose group is not
 * declared, levels or sources outside the allowed sets, a level that does not agree with the source,
 * unknown MQTT versions. Immutable and safe to share.
 */
public final class Catalogue {
    /** Where the catalogue lives on the class path. */
    public static final String RESOURCE = "/mvmqtt/catalogue.json";
    /** The schema version this loader reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The form of an assertion id: upper-case segments joined by '-', ending in a number. */
    public static final Pattern ID_PATTERN = Pattern.compile("^[A-Z]+(-[A-Z]+)*-[0-9]+$");

    private static final Pattern GROUP_PATTERN = Pattern.compile("^[A-Z]+$");
    private static final Pattern CALL_PATTERN = Pattern.compile("^[a-z][A-Za-z0-9]*$");
    private static final Set<String> ROOT_FIELDS = Set.of("schemaVersion", "groups", "assertions");
    private static final Set<String> GROUP_FIELDS = Set.of("id", "title");
    private static final Set<String> ASSERTION_FIELDS =
            Set.of("id", "statement", "level", "source", "mqttVersions", "calls", "needsBroker", "note");
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int schemaVersion;
    private final List<Group> groups;
    private final List<Assertion> assertions;
    private final Map<String, Assertion> byId;

    private Catalogue(int schemaVersion, List<Group> groups, List<Assertion> assertions) {
        this.schemaVersion = schemaVersion;
        this.groups = List.copyOf(groups);
        this.assertions = List.copyOf(assertions);
        Map<String, Assertion> index = new LinkedHashMap<>();
        for (Assertion a : assertions) {
            index.put(a.id(), a);
        }
        this.byId = Collections.unmodifiableMap(index);
    }

    private static volatile Catalogue shipped;

    /**
     * The catalogue shipped with this jar ({@value #RESOURCE}), loaded once.
     *
     * @throws CatalogueException when the resource is missing or malformed
     */
    public static Catalogue load() {
        Catalogue c = shipped;
        if (c == null) {
            synchronized (Catalogue.class) {
                c = shipped;
                if (c == null) {
                    c = loadResource();
                    shipped = c;
                }
            }
        }
        return c;
    }

    private static Catalogue loadResource() {
        try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CatalogueException("catalogue resource " + RESOURCE + " is not on the class path");
            }
            return load(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Reads a catalogue document from {@code in} (UTF-8 JSON).
     *
     * @param name how to name the document in error messages
     * @throws CatalogueException when the document is malformed
     */
    public static Catalogue load(InputStream in, String name) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /**
     * Parses a catalogue document.
     *
     * @throws CatalogueException when the document is malformed
     */
    public static Catalogue parse(String json) {
        return parse(json, "catalogue");
    }

    private static Catalogue parse(String json, String name) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CatalogueException(
                    name + ": not valid JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr() + ")"),
                    e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CatalogueException(name + ": not valid JSON: the document is empty");
        }
        return new Parser(name).catalogue(root);
    }

    /** The schema version of the document. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The groups in document order. */
    public List<Group> groups() {
        return groups;
    }

    /** The group with this id. */
    public Optional<Group> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** Every assertion in document order. */
    public List<Assertion> assertions() {
        return assertions;
    }

    /** The assertion with this id. */
    public Optional<Assertion> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every id in document order. */
    public Set<String> ids() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(byId.keySet()));
    }

    /** The assertions of one group, in document order. */
    public List<Assertion> inGroup(String groupId) {
        return assertions.stream().filter(a -> a.group().equals(groupId)).toList();
    }

    /** The assertions that name {@code call} (C name) in their {@code calls}. */
    public List<Assertion> naming(String call) {
        return assertions.stream().filter(a -> a.calls().contains(call)).toList();
    }

    @Override
    public String toString() {
        return "Catalogue[schemaVersion=" + schemaVersion + ", " + groups.size() + " groups, " + assertions.size()
                + " assertions]";
    }

    /** Validating reader of the JSON tree; every failure names the document and the entry. */
    private static final class Parser {
        private final String name;

        Parser(String name) {
            this.name = name;
        }

        private CatalogueException fail(String where, String what) {
            return new CatalogueException(name + ": " + where + ": " + what);
        }

        Catalogue catalogue(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fail("document", "must be a JSON object with schemaVersion, groups and assertions");
            }
            onlyFields(root, ROOT_FIELDS, "document");
            JsonNode version = required(root, "schemaVersion", "document");
            if (!version.isInt() || version.intValue() != SCHEMA_VERSION) {
                throw fail(
                        "document",
                        "unsupported schemaVersion " + version + " (this loader reads " + SCHEMA_VERSION + ")");
            }
            List<Group> groups = groups(array(root, "groups", "document"));
            Set<String> groupIds = new LinkedHashSet<>();
            groups.forEach(g -> groupIds.add(g.id()));
            JsonNode items = array(root, "assertions", "document");
            List<Assertion> assertions = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                Assertion a = assertion(items.get(i), i, groupIds);
                Integer first = seen.putIfAbsent(a.id(), i);
                if (first != null) {
                    throw fail(
                            entry(i, a.id()), "duplicate id " + a.id() + " (first used by assertions[" + first + "])");
                }
                assertions.add(a);
            }
            return new Catalogue(version.intValue(), groups, assertions);
        }

        private List<Group> groups(JsonNode items) {
            if (items.isEmpty()) {
                throw fail("groups", "must declare at least one group");
            }
            List<Group> groups = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode g = items.get(i);
                String where = "groups[" + i + "]";
                if (!g.isObject()) {
                    throw fail(where, "must be an object with id and title");
                }
                String id = text(g, "id", where);
                where = where + " (id " + id + ")";
                onlyFields(g, GROUP_FIELDS, where);
                if (!GROUP_PATTERN.matcher(id).matches()) {
                    throw fail(where, "bad group id \"" + id + "\" (upper-case letters only)");
                }
                if (!ids.add(id)) {
                    throw fail(where, "duplicate group id " + id);
                }
                groups.add(new Group(id, text(g, "title", where)));
            }
            return groups;
        }

        private Assertion assertion(JsonNode node, int index, Set<String> groupIds) {
            String where = "assertions[" + index + "]";
            if (!node.isObject()) {
                throw fail(where, "must be an object");
            }
            String id = text(node, "id", where);
            where = entry(index, id);
            if (!ID_PATTERN.matcher(id).matches()) {
                throw fail(where, "bad id format \"" + id + "\" (must match " + ID_PATTERN.pattern() + ")");
            }
            onlyFields(node, ASSERTION_FIELDS, where);
            String group = id.substring(0, id.indexOf('-'));
            if (!groupIds.contains(group)) {
                throw fail(
                        where,
                        "id prefix " + group + " is not a declared group (groups: " + String.join(", ", groupIds)
                                + ")");
            }
            String statement = text(node, "statement", where);
            String levelText = text(node, "level", where);
            Level level = Level.fromJson(levelText)
                    .orElseThrow(() ->
                            fail(entry(index, id), "unknown level \"" + levelText + "\" (allowed: must, reference)"));
            String sourceText = text(node, "source", where);
            Source source = Source.fromJson(sourceText)
                    .orElseThrow(() -> fail(
                            entry(index, id),
                            "unknown source \"" + sourceText + "\" (allowed: guide, header, demo, reference)"));
            if ((level == Level.REFERENCE) != (source == Source.REFERENCE)) {
                throw fail(
                        where,
                        "level " + level.json() + " does not agree with source " + source.json()
                                + " (level reference goes with source reference, and only with it)");
            }
            List<String> versions = strings(node, "mqttVersions", where);
            if (versions.isEmpty()) {
                throw fail(where, "mqttVersions must name at least one version (allowed: 3.1.1, 5)");
            }
            for (String v : versions) {
                if (!Assertion.MQTT_VERSIONS.contains(v)) {
                    throw fail(where, "unknown MQTT version \"" + v + "\" (allowed: 3.1.1, 5)");
                }
            }
            List<String> calls = strings(node, "calls", where);
            for (String c : calls) {
                if (!CALL_PATTERN.matcher(c).matches()) {
                    throw fail(where, "bad call name \"" + c + "\" (a method name such as mvOpenChannel)");
                }
            }
            JsonNode needsBroker = required(node, "needsBroker", where);
            if (!needsBroker.isBoolean()) {
                throw fail(where, "needsBroker must be true or false, not " + needsBroker);
            }
            Optional<String> note = node.has("note") ? Optional.of(text(node, "note", where)) : Optional.empty();
            return new Assertion(id, statement, level, source, versions, calls, needsBroker.booleanValue(), note);
        }

        private static String entry(int index, String id) {
            return "assertions[" + index + "] (id " + id + ")";
        }

        private void onlyFields(JsonNode node, Set<String> allowed, String where) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!allowed.contains(field)) {
                    throw fail(
                            where,
                            "unknown field \"" + field + "\" (allowed: "
                                    + String.join(
                                            ", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        private JsonNode required(JsonNode node, String field, String where) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw fail(where, "missing field \"" + field + "\"");
            }
            return value;
        }

        private String text(JsonNode node, String field, String where) {
            JsonNode value = required(node, field, where);
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw fail(where, "field \"" + field + "\" must be a non-empty string, not " + value);
            }
            return value.textValue();
        }

        private JsonNode array(JsonNode node, String field, String where) {
            JsonNode value = required(node, field, where);
            if (!value.isArray()) {
                throw fail(where, "field \"" + field + "\" must be an array, not " + value);
            }
            return value;
        }

        private List<String> strings(JsonNode node, String field, String where) {
            JsonNode items = array(node, field, where);
            List<String> out = new ArrayList<>();
            for (JsonNode item : items) {
                if (!item.isTextual() || item.textValue().isBlank()) {
                    throw fail(where, "field \"" + field + "\" must hold non-empty strings, not " + item);
                }
                if (out.contains(item.textValue())) {
                    throw fail(where, "field \"" + field + "\" names \"" + item.textValue() + "\" twice");
                }
                out.add(item.textValue());
            }
            return out;
        }
    }
}
