package dev.mvmqtt.spec.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of the catalogue.
 *
 * @param id           stable id, for example {@code CHAN-BUF-1}; its first segment is the group
 * @param statement    the rule in our words, checkable through the API and an observer client
 * @param level        {@link Level#MUST} when a source states it, {@link Level#REFERENCE} when we decide
 * @param source       where it comes from; {@link Source#REFERENCE} exactly when the level is reference
 * @param mqttVersions the MQTT versions it applies to: {@code "3.1.1"}, {@code "5"} or both
 * @param calls        the {@link dev.mvmqtt.spec.api.Microvisor} methods it concerns, by C name; empty
 *                     when it binds every call
 * @param needsBroker  whether checking it needs a running broker
 * @param note         why a reference decision was taken, or where to look next
 */
public record Assertion(
        String id,
        String statement,
        Level level,
        Source source,
        List<String> mqttVersions,
        List<String> calls,
        boolean needsBroker,
        Optional<String> note) {

    /** The MQTT versions an assertion may name. */
    public static final List<String> MQTT_VERSIONS = List.of("3.1.1", "5");

    public Assertion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(source, "source");
        mqttVersions = List.copyOf(mqttVersions);
        calls = List.copyOf(calls);
        note = Objects.requireNonNull(note, "note");
    }

    /** The group id: the id's first segment. */
    public String group() {
        return id.substring(0, id.indexOf('-'));
    }

    /** Whether the rule applies to this MQTT version ({@code "3.1.1"} or {@code "5"}). */
    public boolean appliesTo(String mqttVersion) {
        return mqttVersions.contains(mqttVersion);
    }

    /** Whether the rule binds this call: it names the call, or it names none (binds every call). */
    public boolean binds(String call) {
        return calls.isEmpty() || calls.contains(call);
    }
}
