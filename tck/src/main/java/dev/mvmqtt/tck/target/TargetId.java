package dev.mvmqtt.tck.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One cell of the broker matrix: broker family, MQTT version and transport. Its {@link #id()} reads
 * {@code BROKER-VERSION-TRANSPORT}, for example {@code hivemq-v5-tls}, {@code mosquitto-v311-plain} or
 * {@code external-v5-plain}.
 */
public record TargetId(BrokerFamily broker, MqttVersion version, Transport transport) {

    /** The 8 local targets: HiveMQ CE and Mosquitto, MQTT 3.1.1 and 5, plain and TLS. */
    public static final List<TargetId> MATRIX;

    static {
        List<TargetId> matrix = new ArrayList<>();
        for (BrokerFamily b : List.of(BrokerFamily.HIVEMQ, BrokerFamily.MOSQUITTO)) {
            for (MqttVersion v : MqttVersion.values()) {
                for (Transport t : Transport.values()) {
                    matrix.add(new TargetId(b, v, t));
                }
            }
        }
        MATRIX = List.copyOf(matrix);
    }

    public TargetId {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(transport, "transport");
    }

    /** Every id {@link #parse} accepts: the matrix and the four external targets. */
    public static List<TargetId> known() {
        List<TargetId> all = new ArrayList<>(MATRIX);
        for (MqttVersion v : MqttVersion.values()) {
            for (Transport t : Transport.values()) {
                all.add(new TargetId(BrokerFamily.EXTERNAL, v, t));
            }
        }
        return List.copyOf(all);
    }

    /**
     * The target with this id (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the known ids, for an unknown id
     */
    public static TargetId parse(String id) {
        String t = id == null ? "" : id.trim();
        for (TargetId known : known()) {
            if (known.id().equalsIgnoreCase(t)) {
                return known;
            }
        }
        throw new IllegalArgumentException("Unknown target id '" + id + "'. Known ids: "
                + String.join(", ", known().stream().map(TargetId::id).toList()) + " (or 'all')");
    }

    /** {@code BROKER-VERSION-TRANSPORT}, for example {@code hivemq-v5-tls}. */
    public String id() {
        return broker.id() + "-" + version.id() + "-" + transport.id();
    }

    /** True for a TLS target. */
    public boolean isTls() {
        return transport == Transport.TLS;
    }

    @Override
    public String toString() {
        return id();
    }
}
