package dev.mvmqtt.tck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs no broker (argument validation, buffers, handles, notification records): a plain
 * {@link Test} that publishes its report entry with target {@code device} and {@code none} for the broker keys
 * (see {@link ReportEntries#forDevice()}), and honours the profile ({@link ReferenceRule}). It may take a
 * {@link dev.mvmqtt.tck.settings.TckSettings} parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(DeviceTestExtension.class)
public @interface DeviceTest {}
