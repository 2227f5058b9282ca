package dev.mvmqtt.spec.api;

/**
 * How an implementation plugs into the kit: list the class in
 * {@code META-INF/services/dev.mvmqtt.spec.api.MicrovisorProvider}. {@link Microvisors} finds it.
 */
public interface MicrovisorProvider {
    /** A short stable name, for selection and for reports, for example {@code reference}. */
    String name();

    /** The implementation's version, for reports. */
    String version();

    /** A fresh device, independent of every other instance this provider has made. */
    Microvisor create();
}
