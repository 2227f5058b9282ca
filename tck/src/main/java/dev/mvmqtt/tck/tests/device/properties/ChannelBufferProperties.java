package dev.mvmqtt.tck.tests.device.properties;

import static dev.mvmqtt.tck.RuleCheck.rule;
import static dev.mvmqtt.tck.RuleCheck.rules;

import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.tck.Asserts;
import dev.mvmqtt.tck.device.Firmware;
import dev.mvmqtt.tck.settings.TckSettings;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.assertj.core.api.Assertions;

/**
 * Channel buffers over generated sizes and real address offsets. Each try opens one channel on a fresh
 * device (mvOpenChannel is rate limited per device).
 */
@AddLifecycleHook(ReferenceProfileHook.class)
class ChannelBufferProperties {
    private static final int UNTOUCHED = 0x0badf00d;

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 128).map(k -> k * 512)),
                Tuple.of(2, Arbitraries.integers().between(0, 70_000)),
                Tuple.of(1, Arbitraries.of(0, 1, 511, 512, 513, 1536, 65_024, 65_535, 65_536, 65_537, 66_048)));
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0, 512)),
                Tuple.of(2, Arbitraries.integers().between(0, 512)),
                Tuple.of(1, Arbitraries.of(1, 4, 8, 16, 64, 256, 511)));
    }

    @Provide
    Arbitrary<Integer> validSizes() {
        return Arbitraries.integers().between(1, 8).map(k -> k * 512);
    }

    @Provide
    Arbitrary<Integer> nonMultiples() {
        return Arbitraries.integers().between(1, 8192).filter(n -> n % 512 != 0);
    }

    /** The alignment boundary values every run tries first: every multiple of 16 below 512, and 1 and 511. */
    static final List<Integer> BOUNDARIES = IntStream.concat(
                    IntStream.of(1, 511), IntStream.iterate(16, o -> o < 512, o -> o + 16))
            .boxed()
            .toList();

    /** Any misalignment, with the boundary values as edge cases (tried first: {@code EdgeCasesMode.FIRST}). */
    @Provide
    Arbitrary<Integer> misalignments() {
        return Arbitraries.integers()
                .between(1, 511)
                // includeOnly then add: jqwik 1.9.3's none() returns a list that add() cannot extend
                .edgeCases(config -> config.includeOnly(1, 511)
                        .add(BOUNDARIES.stream().filter(o -> o % 16 == 0).toArray(Integer[]::new)));
    }

    private static MvStatus open(int rxSize, int rxOffset, int txSize, int txOffset) {
        TckSettings settings = TckSettings.current();
        try (Firmware fw = Firmware.start(settings)) {
            ByteBuffer rx = Firmware.alignedAt(rxSize, rxOffset);
            ByteBuffer tx = Firmware.alignedAt(txSize, txOffset);
            U32Ref h = new U32Ref(UNTOUCHED);
            MvStatus s = fw.mv()
                    .mvOpenChannel(
                            fw.channelParams(512)
                                    .receiveBuffer(rx, rxSize)
                                    .sendBuffer(tx, txSize)
                                    .build(),
                            h);
            if (s == MvStatus.OKAY) {
                Assertions.assertThat(h.get())
                        .as("an accepted channel's handle")
                        .isNotZero()
                        .isNotEqualTo(UNTOUCHED);
            } else {
                Assertions.assertThat(h.get())
                        .as("a refused mvOpenChannel (%s) writes no handle", s)
                        .isEqualTo(UNTOUCHED);
            }
            return s;
        }
    }

    private static boolean sizeOk(int n) {
        return n >= 512 && n <= 65_536 && n % 512 == 0;
    }

    @Property(tries = 50)
    @Asserts({"CHAN-REF-1", "CHAN-REF-2", "CHAN-REF-4"})
    void okayExactlyWhenBothBuffersAreAlignedAndSized(
            @ForAll("sizes") int rxSize,
            @ForAll("offsets") int rxOffset,
            @ForAll("sizes") int txSize,
            @ForAll("offsets") int txOffset) {
        boolean aligned = rxOffset % 512 == 0 && txOffset % 512 == 0;
        MvStatus expected = !aligned
                ? MvStatus.INVALIDBUFFERALIGNMENT
                : !(sizeOk(rxSize) && sizeOk(txSize)) ? MvStatus.INVALIDBUFFERSIZE : MvStatus.OKAY;
        rules("CHAN-REF-1", "CHAN-REF-2", "CHAN-REF-4")
                .as(
                        "rx %d bytes at +%d, tx %d bytes at +%d from a 512-byte boundary",
                        rxSize, rxOffset, txSize, txOffset)
                .assertThat(open(rxSize, rxOffset, txSize, txOffset))
                .isEqualTo(expected);
    }

    /**
     * Every boundary offset is an edge case and edge cases come first, so each run tries all of them (the sizes are
     * derived from the offset rather than generated, so no other parameter multiplies the edge cases).
     */
    @Property(tries = 60, edgeCases = EdgeCasesMode.FIRST)
    @Asserts("CHAN-BUF-1")
    void aMisalignedSendBufferIsRefused(@ForAll("misalignments") int txOffset) {
        int rxSize = 512 * (1 + txOffset % 8);
        int txSize = 512 * (1 + (txOffset / 8) % 8);
        rule("CHAN-BUF-1", "send buffer %d bytes at +%d from a 512-byte boundary", txSize, txOffset)
                .assertThat(open(rxSize, 0, txSize, txOffset))
                .isEqualTo(MvStatus.INVALIDBUFFERALIGNMENT);
    }

    @Property(tries = 30)
    @Asserts({"CHAN-BUF-2", "CHAN-BUF-3"})
    void alignedBuffersAreAcceptedExactlyWhenTheirLengthsAreMultiplesOf512(
            @ForAll("validSizes") int rxSize, @ForAll("nonMultiples") int badSize, @ForAll boolean badIsSend) {
        rule("CHAN-BUF-3", "aligned buffers of %d bytes each", rxSize)
                .assertThat(open(rxSize, 0, rxSize, 0))
                .isEqualTo(MvStatus.OKAY);
        MvStatus s = badIsSend ? open(rxSize, 0, badSize, 0) : open(badSize, 0, rxSize, 0);
        rule("CHAN-BUF-2", "%s buffer length %d (not a multiple of 512)", badIsSend ? "send" : "receive", badSize)
                .assertThat(s)
                .isEqualTo(MvStatus.INVALIDBUFFERSIZE);
    }
}
