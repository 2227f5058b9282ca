package dev.mvmqtt.tck.tests.device.properties;

import static dev.mvmqtt.tck.RuleCheck.rules;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.assertj.core.api.Assertions;

/** Notification ring sizes: OKAY exactly for multiples of 16 of at least 32 bytes, else INVALIDBUFFERSIZE. */
@AddLifecycleHook(ReferenceProfileHook.class)
class NotificationBufferProperties {

    @Provide
    Arbitrary<Integer> ringSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 4096)),
                Tuple.of(2, Arbitraries.integers().between(0, 256).map(k -> k * 16)),
                Tuple.of(1, Arbitraries.of(0, 1, 15, 16, 17, 31, 32, 33, 47, 48)));
    }

    @Property(tries = 50)
    @Asserts({"NOTIF-BUF-1", "NOTIF-BUF-2"})
    void okayExactlyForMultiplesOf16OfAtLeast32(@ForAll("ringSizes") int size, @ForAll boolean direct) {
        try (Microvisor mv = TckSettings.current().provider().create()) {
            ByteBuffer ring = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
            U32Ref h = new U32Ref(0x7e57);
            MvStatus s = mv.mvSetupNotifications(new MvNotificationSetup(12, ring, size), h);
            boolean valid = size >= 32 && size % 16 == 0;
            rules("NOTIF-BUF-1", "NOTIF-BUF-2")
                    .as("buffer_size %d (%s ring)", size, direct ? "direct" : "heap")
                    .assertThat(s)
                    .isEqualTo(valid ? MvStatus.OKAY : MvStatus.INVALIDBUFFERSIZE);
            if (valid) {
                Assertions.assertThat(h.get())
                        .as("handle of an accepted centre")
                        .isNotZero();
                Assertions.assertThat(mv.mvCloseNotifications(h)).as("close").isEqualTo(MvStatus.OKAY);
            } else {
                Assertions.assertThat(h.get())
                        .as("a refused setup writes no handle")
                        .isEqualTo(0x7e57);
            }
        }
    }
}
