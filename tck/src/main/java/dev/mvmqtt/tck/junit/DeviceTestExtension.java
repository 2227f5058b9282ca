package dev.mvmqtt.tck.junit;

import dev.mvmqtt.tck.settings.TckSettings;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Behind {@link DeviceTest}: the profile condition, the report entry, and a {@link TckSettings} parameter. */
public final class DeviceTestExtension implements ExecutionCondition, BeforeEachCallback, ParameterResolver {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return ProfileCondition.evaluate(context, TckSettings.current())
                .orElse(ConditionEvaluationResult.enabled("device test"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.publishReportEntry(ReportEntries.forDevice());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TckSettings.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return TckSettings.current();
    }
}
