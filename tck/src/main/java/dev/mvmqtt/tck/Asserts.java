package dev.mvmqtt.tck;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The catalogue ids a test checks. Every test in the TCK carries it; a build-time check fails when a
 * catalogue id has no test or a test names an id the catalogue does not have, and the compliance
 * report files each result under these ids.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@API(status = INTERNAL, since = "0.1")
public @interface Asserts {
    /** Catalogue ids, for example {@code "CHAN-BUF-1"}. */
    String[] value();
}
