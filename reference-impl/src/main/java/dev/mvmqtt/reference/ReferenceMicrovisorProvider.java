package dev.mvmqtt.reference;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MicrovisorProvider;

/** Registers the reference implementation with the kit under the name {@code reference}. */
public final class ReferenceMicrovisorProvider implements MicrovisorProvider {
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        String version = ReferenceMicrovisorProvider.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0-SNAPSHOT";
    }

    @Override
    public Microvisor create() {
        return new ReferenceMicrovisor(ReferencePolicy.defaults());
    }
}
