package dev.mvmqtt.tck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test (or every test of a class) that checks a {@code reference} rule: a decision of the reference
 * implementation where the sources are silent. With {@code mvmqtt.profile=must} such tests are skipped with the
 * reason {@value #SKIP_REASON}; in the default {@code strict} profile they run. Without the annotation, a test is
 * also treated as a reference-rule test when every id its {@link dev.mvmqtt.tck.Asserts} names has level
 * {@code reference} in the catalogue.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReferenceRule {
    /** The reason a reference-rule test is skipped in the {@code must} profile. */
    String SKIP_REASON = "profile must: reference rule not checked";
}
