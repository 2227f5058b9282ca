package dev.mvmqtt.reference.relay;

/**
 * Finds the TLS records of one direction of a TLS byte stream and counts the application-data records among them
 * (started at their first byte, completed after their last). The record header is in the clear: content type (23
 * is application data), two version bytes, a two-byte length (RFC 8446 section 5.1, RFC 5246 section 6.2); what
 * the records carry is not: over TLS the relay cannot tell a PUBACK from any other packet.
 */
final class TlsRecordReader implements StreamUnits {
    private static final int APPLICATION_DATA = 23;
    private static final int HEADER_BYTES = 5;

    private int headerRead;
    private boolean applicationData;
    private int length;
    private int remaining;
    private long started;
    private long completed;

    @Override
    public void feed(byte[] bytes, int offset, int count) {
        int i = offset;
        int end = offset + count;
        while (i < end) {
            if (headerRead < HEADER_BYTES) {
                int b = bytes[i++] & 0xff;
                if (headerRead == 0) {
                    applicationData = b == APPLICATION_DATA;
                    if (applicationData) {
                        started++;
                    }
                    length = 0;
                } else if (headerRead >= 3) {
                    length = length << 8 | b;
                }
                headerRead++;
                if (headerRead == HEADER_BYTES) {
                    remaining = length;
                    if (remaining == 0) {
                        recordEnd();
                    }
                }
            } else {
                int skip = Math.min(remaining, end - i);
                i += skip;
                remaining -= skip;
                if (remaining == 0) {
                    recordEnd();
                }
            }
        }
    }

    private void recordEnd() {
        if (applicationData) {
            completed++;
        }
        headerRead = 0;
    }

    @Override
    public long started() {
        return started;
    }

    @Override
    public long completed() {
        return completed;
    }

    /** Any packet the client writes is a record, and several may share one: only "a record begun after" is known. */
    @Override
    public boolean onePerAcknowledgement() {
        return false;
    }
}
