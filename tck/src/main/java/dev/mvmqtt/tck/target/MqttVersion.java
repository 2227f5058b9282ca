package dev.mvmqtt.tck.target;

import dev.mvmqtt.spec.api.codes.MvMqttProtocolVersion;

/** The MQTT protocol version a target is tested on. */
public enum MqttVersion {
    /** MQTT 3.1.1. */
    V3_1_1("v311", "3.1.1", MvMqttProtocolVersion.V3_1_1),
    /** MQTT 5. */
    V5("v5", "5", MvMqttProtocolVersion.V5);

    private final String id;
    private final String label;
    private final MvMqttProtocolVersion protocolVersion;

    MqttVersion(String id, String label, MvMqttProtocolVersion protocolVersion) {
        this.id = id;
        this.label = label;
        this.protocolVersion = protocolVersion;
    }

    /** The id used inside target ids: {@code v311} or {@code v5}. */
    public String id() {
        return id;
    }

    /** The version as people write it and as report entries carry it: {@code 3.1.1} or {@code 5}. */
    public String label() {
        return label;
    }

    /** The code a connect request passes to ask for this version. */
    public MvMqttProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    /**
     * The version named by {@code text}: {@code 3.1.1}, {@code 311}, {@code v311}, {@code V3_1_1}, {@code 5},
     * {@code v5} or {@code V5} (case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static MqttVersion parse(String text) {
        String t = text == null ? "" : text.trim();
        for (MqttVersion v : values()) {
            if (t.equalsIgnoreCase(v.id)
                    || t.equalsIgnoreCase(v.label)
                    || t.equalsIgnoreCase(v.name())
                    || t.equalsIgnoreCase(v.id.substring(1))) {
                return v;
            }
        }
        throw new IllegalArgumentException("Unknown MQTT version '" + text + "': expected 3.1.1 or 5");
    }
}
