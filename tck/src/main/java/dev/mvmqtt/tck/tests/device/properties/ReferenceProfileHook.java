package dev.mvmqtt.tck.tests.device.properties;

import dev.mvmqtt.spec.catalogue.Assertion;
import dev.mvmqtt.spec.catalogue.Catalogue;
import dev.mvmqtt.spec.catalogue.Level;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.settings.Profile;
import dev.mvmqtt.tck.settings.TckSettings;
import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The profile rule for jqwik properties (the JUnit extensions of {@code @DeviceTest} do not reach jqwik):
 * in the {@code must} profile a property whose {@link Asserts} ids are all {@code reference} is skipped.
 */
public final class ReferenceProfileHook implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (TckSettings.current().profile() != Profile.MUST) {
            return SkipResult.doNotSkip();
        }
        Optional<Asserts> asserts = context.findAnnotation(Asserts.class);
        if (asserts.isEmpty() || asserts.get().value().length == 0) {
            return SkipResult.doNotSkip();
        }
        Catalogue catalogue;
        try {
            catalogue = Catalogue.load();
        } catch (RuntimeException e) {
            return SkipResult.doNotSkip();
        }
        for (String id : asserts.get().value()) {
            Optional<Assertion> a = catalogue.byId(id);
            if (a.isEmpty() || a.get().level() != Level.REFERENCE) {
                return SkipResult.doNotSkip();
            }
        }
        return SkipResult.skip("profile must: reference rule not checked");
    }
}
