package dev.mvmqtt.tck.junit;

import dev.mvmqtt.tck.target.BrokerFamily;
import dev.mvmqtt.tck.target.MqttVersion;
import dev.mvmqtt.tck.target.Transport;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per selected target (property {@code mvmqtt.targets}), named {@code [hivemq-v5-tls]} and
 * so on. The method takes a {@link TckTarget} parameter. Each invocation publishes one report entry with every
 * key of {@link dev.mvmqtt.tck.TckReportKeys}; on a target whose broker cannot start, the invocation is aborted
 * (reported skipped) with the reason. The attributes restrict the targets; an empty attribute means "any":
 *
 * <pre>{@code
 * @TargetTest(transport = Transport.TLS, versions = MqttVersion.V5)
 * @Asserts("TLS-3")
 * void rejectsUnknownCa(TckTarget target) { ... }
 * }</pre>
 *
 * When no selected target matches the restriction, the test is skipped with a reason naming both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(TargetInvocationProvider.class)
public @interface TargetTest {
    /** Only these broker families; empty: any. */
    BrokerFamily[] brokers() default {};

    /** Only these MQTT versions; empty: any. */
    MqttVersion[] versions() default {};

    /** Only these transports; empty: any. */
    Transport[] transport() default {};
}
