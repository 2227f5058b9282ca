package dev.mvmqtt.spec.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** Where a rule comes from. */
public enum Source {
    /** The Microvisor MQTT guide ("How to Issue MQTT Requests Under Microvisor"). */
    GUIDE("guide"),
    /** The SDK header {@code mv_syscalls.h} (korewireless/Microvisor-SDK). */
    HEADER("header"),
    /** The MQTT demo application (korewireless/Microvisor-Demo-MQTT). */
    DEMO("demo"),
    /** A decision of this project where no source speaks. */
    REFERENCE("reference");

    private final String json;

    Source(String json) {
        this.json = json;
    }

    /** The value as written in {@code catalogue.json}. */
    public String json() {
        return json;
    }

    /** The source written as {@code value} in the catalogue, if there is one (exact, lower case). */
    public static Optional<Source> fromJson(String value) {
        return Arrays.stream(values()).filter(s -> s.json.equals(value)).findFirst();
    }
}
