package dev.mvmqtt.tck.broken;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a {@link BrokenProvider} breaks, stated once, on its class: {@link BrokenProvider#violates()} and
 * {@link BrokenProvider#breaks()} read it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Violation {
    /** The catalogue ids it violates; the TCK must fail a test naming at least one. */
    String[] rules();

    /** What is broken, in a few words, for people. */
    String breaks();
}
