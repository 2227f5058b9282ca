package dev.mvmqtt.tck.junit;

import dev.mvmqtt.tck.TckReportKeys;
import dev.mvmqtt.tck.broker.TargetStatus;
import dev.mvmqtt.tck.target.TargetId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report entry a TCK test publishes: every key of {@link TckReportKeys}, with {@value #NONE} where a key does
 * not apply. {@link TargetTest} and {@link DeviceTest} publish it themselves; other engines (jqwik) can build it
 * here.
 */
public final class ReportEntries {
    /** The value of a key that does not apply. */
    public static final String NONE = "none";
    /** The target of tests that need no broker. */
    public static final String DEVICE = "device";

    private ReportEntries() {}

    /** The entry of an invocation on {@code status}'s target (available or not). */
    public static Map<String, String> forTarget(TargetStatus status) {
        TargetId t = status.target();
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TckReportKeys.TARGET, t.id());
        m.put(TckReportKeys.BROKER, t.broker().id());
        m.put(TckReportKeys.MQTT_VERSION, t.version().label());
        m.put(TckReportKeys.TRANSPORT, t.transport().id());
        m.put(TckReportKeys.PROVISIONING, status.provisioning().map(p -> p.id()).orElse(NONE));
        m.put(
                TckReportKeys.BROKER_VERSION,
                status.broker().map(b -> b.version()).orElse(NONE));
        m.put(TckReportKeys.SEED, NONE);
        return m;
    }

    /** The entry of a test that needs no broker. */
    public static Map<String, String> forDevice() {
        return forDevice(NONE);
    }

    /** The entry of a test that needs no broker, with the seed of a property ({@value #NONE} when none). */
    public static Map<String, String> forDevice(String seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TckReportKeys.TARGET, DEVICE);
        m.put(TckReportKeys.BROKER, NONE);
        m.put(TckReportKeys.MQTT_VERSION, NONE);
        m.put(TckReportKeys.TRANSPORT, NONE);
        m.put(TckReportKeys.PROVISIONING, NONE);
        m.put(TckReportKeys.BROKER_VERSION, NONE);
        m.put(TckReportKeys.SEED, seed == null || seed.isBlank() ? NONE : seed);
        return m;
    }
}
