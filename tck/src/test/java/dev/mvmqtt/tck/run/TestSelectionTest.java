package dev.mvmqtt.tck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;

class TestSelectionTest {
    @Test
    void testsAreFoundBySimpleOrQualifiedNameWithOrWithoutAMethod() {
        assertThat(TestSelection.tests(List.of("ChannelOpenTests")))
                .singleElement()
                .isInstanceOf(ClassSelector.class);
        assertThat(TestSelection.tests(
                        List.of("dev.mvmqtt.tck.tests.device.ChannelOpenTests#theGuidesChannelIsAccepted")))
                .singleElement()
                .isInstanceOfSatisfying(
                        MethodSelector.class,
                        m -> assertThat(m.getMethodName()).isEqualTo("theGuidesChannelIsAccepted"));
        assertThatThrownBy(() -> TestSelection.tests(List.of("NoSuchTests")))
                .hasMessageContaining("no TCK test class NoSuchTests");
        assertThatThrownBy(() -> TestSelection.tests(List.of("ChannelOpenTests#nope")))
                .hasMessageContaining("no test method nope in dev.mvmqtt.tck.tests.device.ChannelOpenTests");
    }

    @Test
    void aRuleSelectsTheMethodsNamingItOnTheMethodOrItsClass() throws Exception {
        MethodSource guides = MethodSource.from(Class.forName("dev.mvmqtt.tck.tests.device.ChannelOpenTests")
                .getDeclaredMethod("theGuidesChannelIsAccepted", dev.mvmqtt.tck.settings.TckSettings.class));
        assertThat(TestSelection.ids(guides)).containsExactly("CHAN-BUF-3");
    }
}
