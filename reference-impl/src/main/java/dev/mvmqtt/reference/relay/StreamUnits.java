package dev.mvmqtt.reference.relay;

/** Counts units (packets or records) of the relay's client-to-broker byte stream as it is written to the broker. */
interface StreamUnits {
    /** The next bytes of the stream, exactly as written to the broker's connection. */
    void feed(byte[] bytes, int offset, int length);

    /** Units whose first byte has been written. */
    long started();

    /** Units whose last byte has been written. */
    long completed();

    /** Whether each acknowledgement handed to the client is exactly one unit, in hand-over order. */
    boolean onePerAcknowledgement();
}
