package dev.mvmqtt.reference.relay;

/**
 * Finds the MQTT control packets of one direction of a plain MQTT byte stream, fed in whatever chunks the socket
 * gives, and counts the PUBACKs among them: one started when its first byte passes, one completed when its last
 * byte has passed. A packet is a fixed-header byte (type in the high nibble), a Remaining Length of one to four
 * bytes of seven bits each, least significant first, then that many bytes (MQTT 3.1.1 and 5, section 2).
 */
final class MqttFrameReader implements StreamUnits {
    private static final int PUBACK = 4;

    private enum Phase {
        FIXED_HEADER,
        REMAINING_LENGTH,
        BODY
    }

    private Phase phase = Phase.FIXED_HEADER;
    private boolean puback;
    private long remaining;
    private int lengthShift;
    private long started;
    private long completed;

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (phase) {
                case FIXED_HEADER -> {
                    puback = (bytes[i++] & 0xff) >>> 4 == PUBACK;
                    if (puback) {
                        started++;
                    }
                    remaining = 0;
                    lengthShift = 0;
                    phase = Phase.REMAINING_LENGTH;
                }
                case REMAINING_LENGTH -> {
                    int b = bytes[i++] & 0xff;
                    remaining |= (long) (b & 0x7f) << lengthShift;
                    lengthShift += 7;
                    if ((b & 0x80) == 0) {
                        endOrBody();
                    }
                }
                case BODY -> {
                    int skip = (int) Math.min(remaining, end - i);
                    i += skip;
                    remaining -= skip;
                    if (remaining == 0) {
                        packetEnd();
                    }
                }
            }
        }
    }

    private void endOrBody() {
        if (remaining == 0) {
            packetEnd();
        } else {
            phase = Phase.BODY;
        }
    }

    private void packetEnd() {
        if (puback) {
            completed++;
        }
        phase = Phase.FIXED_HEADER;
    }

    @Override
    public long started() {
        return started;
    }

    @Override
    public long completed() {
        return completed;
    }

    /** One PUBACK per acknowledgement handed to the client: the n-th claimed is the n-th written. */
    @Override
    public boolean onePerAcknowledgement() {
        return true;
    }
}
