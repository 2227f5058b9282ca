package dev.mvmqtt.reference.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The relay's view of the client's outbound bytes: which acknowledgement has been written to the broker. */
class AcknowledgementWatchTest {
    private static final byte[] PUBLISH_QOS1 = {0x32, 0x07, 0x00, 0x01, 'a', 0x00, 0x05, 'x', 'y'};
    private static final byte[] PUBACK_5 = {0x40, 0x02, 0x00, 0x05};
    private static final byte[] PINGREQ = {(byte) 0xc0, 0x00};

    private static void write(AcknowledgementWatch watch, byte[]... packets) {
        for (byte[] p : packets) {
            watch.written(p, 0, p.length);
        }
    }

    @Test
    void aPubackCompletesTheClaimOnlyOnceItsLastByteIsWritten() {
        AcknowledgementWatch watch = AcknowledgementWatch.forStream(false);
        CompletableFuture<Void> first = watch.claim();
        CompletableFuture<Void> second = watch.claim();
        write(watch, PUBLISH_QOS1, PINGREQ);
        assertThat(first).isNotDone();
        watch.written(PUBACK_5, 0, 3);
        assertThat(first).as("three of the PUBACK's four bytes").isNotDone();
        watch.written(PUBACK_5, 3, 1);
        assertThat(first).isCompleted();
        assertThat(second).as("the second claim is the second PUBACK").isNotDone();
        write(watch, PUBACK_5);
        assertThat(second).isCompleted();
    }

    @Test
    void packetsSplitAndJoinedAnyHowAreFound() {
        AcknowledgementWatch watch = AcknowledgementWatch.forStream(false);
        CompletableFuture<Void> claim = watch.claim();
        byte[] stream = new byte[PUBLISH_QOS1.length + PUBACK_5.length];
        System.arraycopy(PUBLISH_QOS1, 0, stream, 0, PUBLISH_QOS1.length);
        System.arraycopy(PUBACK_5, 0, stream, PUBLISH_QOS1.length, PUBACK_5.length);
        for (int i = 0; i < stream.length - 1; i++) {
            watch.written(stream, i, 1);
        }
        assertThat(claim).isNotDone();
        watch.written(stream, stream.length - 1, 1);
        assertThat(claim).isCompleted();
    }

    @Test
    void aPubackAlreadyUnderwayWhenClaimingIsNotTheClaimedOne() {
        AcknowledgementWatch watch = AcknowledgementWatch.forStream(false);
        watch.written(PUBACK_5, 0, 1);
        CompletableFuture<Void> claim = watch.claim();
        watch.written(PUBACK_5, 1, 3);
        assertThat(claim).isNotDone();
        write(watch, PUBACK_5);
        assertThat(claim).isCompleted();
    }

    @Test
    void aLongRemainingLengthIsSkippedWhole() {
        AcknowledgementWatch watch = AcknowledgementWatch.forStream(false);
        CompletableFuture<Void> claim = watch.claim();
        byte[] big = new byte[3 + 200];
        big[0] = 0x30; // PUBLISH QoS 0
        big[1] = (byte) (200 % 128 | 0x80);
        big[2] = (byte) (200 / 128);
        big[3 + 50] = 0x40; // a PUBACK's first byte inside the payload is payload
        write(watch, big);
        assertThat(claim).isNotDone();
        write(watch, PUBACK_5);
        assertThat(claim).isCompleted();
    }

    @Test
    void overTlsAClaimCompletesWithTheFirstApplicationDataRecordBegunAfterIt() {
        AcknowledgementWatch watch = AcknowledgementWatch.forStream(true);
        byte[] record = {23, 3, 3, 0, 3, 1, 2, 3};
        watch.written(record, 0, 6);
        CompletableFuture<Void> claim = watch.claim();
        watch.written(record, 6, 2);
        assertThat(claim).as("the record begun before the claim").isNotDone();
        write(watch, new byte[] {21, 3, 3, 0, 2, 1, 0}); // an alert is not application data
        assertThat(claim).isNotDone();
        write(watch, record);
        assertThat(claim).isCompleted();
    }

    @Test
    void aDropFailsWhatIsNotWrittenAndEveryLaterClaim() {
        AcknowledgementWatch watch = AcknowledgementWatch.forStream(false);
        CompletableFuture<Void> written = watch.claim();
        write(watch, PUBACK_5);
        CompletableFuture<Void> pending = watch.claim();
        watch.dropped();
        assertThat(written).isCompleted();
        assertThat(pending).isCompletedExceptionally();
        assertThat(watch.claim()).isCompletedExceptionally();
    }
}
