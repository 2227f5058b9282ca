package dev.mvmqtt.host;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.MicrovisorProvider;

/**
 * Registers the C path under the name {@code native}: the C implementation named by
 * {@code -Dmvmqtt.native.library} (or {@code MVMQTT_NATIVE_LIBRARY}), through {@link NativeMicrovisor}.
 */
public final class NativeMicrovisorProvider implements MicrovisorProvider {
    public static final String NAME = "native";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        String version = NativeMicrovisorProvider.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0-SNAPSHOT";
    }

    @Override
    public Microvisor create() {
        return NativeMicrovisor.open();
    }
}
