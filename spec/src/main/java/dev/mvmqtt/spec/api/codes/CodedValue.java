package dev.mvmqtt.spec.api.codes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A value of one of the header's C enumerations: a 32-bit code with a name.
 *
 * <p>C enums are open: an implementation can write any 32-bit number where the header expects an
 * enum. So these are not Java enums. {@code of(code)} always answers, and a code the header does
 * not define is a value too ({@link #isKnown()} is false), never an exception. Two values are equal
 * when they belong to the same enumeration and carry the same code.
 */
public abstract class CodedValue {
    private final int code;
    private final String name;
    private final boolean known;

    protected CodedValue(int code, String name, boolean known) {
        this.code = code;
        this.name = name;
        this.known = known;
    }

    /** The numeric code, exactly as the C header defines it (the ABI value). */
    public final int code() {
        return code;
    }

    /** The constant's name without the C prefix, for example {@code INVALIDHANDLE}; {@code UNKNOWN(0x99)} when unknown. */
    public final String name() {
        return name;
    }

    /** Whether the header defines this code. */
    public final boolean isKnown() {
        return known;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((CodedValue) o).code == code;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), code);
    }

    @Override
    public final String toString() {
        return name + String.format(" (0x%02x)", code);
    }

    /** The constants of one enumeration, in header order, and the lookup by code. */
    protected static final class Registry<T extends CodedValue> {
        private final Map<Integer, T> byCode = new LinkedHashMap<>();
        private final BiFunction<Integer, String, T> knownFactory;
        private final BiFunction<Integer, String, T> unknownFactory;

        public Registry(BiFunction<Integer, String, T> knownFactory, BiFunction<Integer, String, T> unknownFactory) {
            this.knownFactory = knownFactory;
            this.unknownFactory = unknownFactory;
        }

        public T define(int code, String name) {
            T value = knownFactory.apply(code, name);
            if (byCode.putIfAbsent(code, value) != null) {
                throw new IllegalStateException("code defined twice: " + code);
            }
            return value;
        }

        public T of(int code) {
            T known = byCode.get(code);
            return known != null ? known : unknownFactory.apply(code, String.format("UNKNOWN(0x%02x)", code));
        }

        public T named(String name) {
            for (T value : byCode.values()) {
                if (value.name().equals(name)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("no constant named " + name);
        }

        public List<T> values() {
            return Collections.unmodifiableList(new ArrayList<>(byCode.values()));
        }
    }
}
