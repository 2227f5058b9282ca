package dev.mvmqtt.spec.api;

/**
 * A 32-bit cell the caller owns and a call writes into: the Java form of a C {@code uint32_t *}
 * (and of the {@code uint8_t *} retain flag, and of a handle pointer).
 *
 * <p>Passing {@code null} where the header takes a pointer is the Java form of an illegal pointer:
 * the implementation answers {@code PARAMETERFAULT} (top-level argument) or {@code LATEFAULT}
 * (a pointer nested in a structure).
 */
public final class U32Ref {
    private int value;

    public U32Ref() {}

    public U32Ref(int initial) {
        this.value = initial;
    }

    public int get() {
        return value;
    }

    /** The value as an unsigned 32-bit number. */
    public long getUnsigned() {
        return Integer.toUnsignedLong(value);
    }

    public void set(int value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(value);
    }
}
