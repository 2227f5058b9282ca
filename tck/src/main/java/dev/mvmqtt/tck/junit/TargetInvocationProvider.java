package dev.mvmqtt.tck.junit;

import dev.mvmqtt.tck.broker.BrokerPool;
import dev.mvmqtt.tck.broker.TargetStatus;
import dev.mvmqtt.tck.settings.TckSettings;
import dev.mvmqtt.tck.target.TargetId;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Behind {@link TargetTest}: one invocation per selected target that matches the annotation, the profile
 * condition, the {@link TckTarget} parameter, and the report entry. Brokers come from {@link BrokerPool#shared()}.
 */
public final class TargetInvocationProvider implements TestTemplateInvocationContextProvider, ExecutionCondition {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> AnnotationSupport.isAnnotated(m, TargetTest.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        TckSettings settings = TckSettings.current();
        Optional<String> only = context.getConfigurationParameter(TargetTests.RUN_TARGET);
        return matching(context.getRequiredTestMethod(), settings).stream()
                .filter(t -> only.isEmpty() || only.get().equals(t.id()))
                .map(t -> new Invocation(t, settings));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TckSettings settings = TckSettings.current();
        var profile = ProfileCondition.evaluate(context, settings);
        if (profile.isPresent()) {
            return profile.get();
        }
        var method = context.getTestMethod();
        if (method.isPresent()
                && AnnotationSupport.isAnnotated(method.get(), TargetTest.class)
                && matching(method.get(), settings).isEmpty()) {
            TargetTest a = AnnotationSupport.findAnnotation(method.get(), TargetTest.class)
                    .orElseThrow();
            return ConditionEvaluationResult.disabled(
                    "no selected target matches " + describe(a) + "; selected: " + settings.targets());
        }
        return ConditionEvaluationResult.enabled("targets selected");
    }

    /** The selected targets that the method's {@link TargetTest} admits, in selection order. */
    static List<TargetId> matching(Method method, TckSettings settings) {
        TargetTest a =
                AnnotationSupport.findAnnotation(method, TargetTest.class).orElseThrow();
        return settings.targets().stream()
                .filter(t ->
                        a.brokers().length == 0 || Arrays.asList(a.brokers()).contains(t.broker()))
                .filter(t ->
                        a.versions().length == 0 || Arrays.asList(a.versions()).contains(t.version()))
                .filter(t -> a.transport().length == 0
                        || Arrays.asList(a.transport()).contains(t.transport()))
                .toList();
    }

    private static String describe(TargetTest a) {
        StringBuilder s = new StringBuilder("@TargetTest(");
        if (a.brokers().length > 0) {
            s.append("brokers=").append(Arrays.toString(a.brokers())).append(' ');
        }
        if (a.versions().length > 0) {
            s.append("versions=").append(Arrays.toString(a.versions())).append(' ');
        }
        if (a.transport().length > 0) {
            s.append("transport=").append(Arrays.toString(a.transport())).append(' ');
        }
        return s.toString().trim() + ")";
    }

    /** One invocation: a target. */
    private static final class Invocation implements TestTemplateInvocationContext {
        private final TargetId target;
        private final TckSettings settings;

        Invocation(TargetId target, TckSettings settings) {
            this.target = target;
            this.settings = settings;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + target.id() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new TargetResolver(target, settings));
        }
    }

    /** Publishes the entry, aborts on an unavailable target, resolves {@link TckTarget}. */
    private static final class TargetResolver implements BeforeEachCallback, ParameterResolver {
        private final TargetId target;
        private final TckSettings settings;
        private TargetStatus status;
        private TckTarget tckTarget;

        TargetResolver(TargetId target, TckSettings settings) {
            this.target = target;
            this.settings = settings;
        }

        private synchronized TargetStatus status() {
            if (status == null) {
                status = BrokerPool.shared().status(target, settings);
            }
            return status;
        }

        private synchronized TckTarget tckTarget() {
            TargetStatus s = status();
            if (!s.isAvailable()) {
                Assumptions.abort("target " + target.id() + " unavailable: "
                        + s.unavailableReason().orElse("?"));
            }
            if (tckTarget == null) {
                tckTarget = new TckTarget(target, s.broker().orElseThrow(), settings);
            }
            return tckTarget;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            TargetStatus s = status();
            context.publishReportEntry(ReportEntries.forTarget(s));
            if (!s.isAvailable()) {
                Assumptions.abort("target " + target.id() + " unavailable: "
                        + s.unavailableReason().orElse("?"));
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            Class<?> type = parameterContext.getParameter().getType();
            return type == TckTarget.class || type == TckSettings.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == TckSettings.class ? settings : tckTarget();
        }
    }
}
