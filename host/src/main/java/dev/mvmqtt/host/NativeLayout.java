package dev.mvmqtt.host;

import java.util.HashMap;
import java.util.Map;

/**
 * The byte layout of the header's structs as the C compiler laid them out: libmvhost passes its
 * {@code sizeof}/{@code offsetof} numbers at start-up (host/src/main/c/mv_layout.h), so the Java side
 * never keeps a second copy that could drift from the C one.
 */
final class NativeLayout {
    private final Map<String, Integer> numbers = new HashMap<>();

    NativeLayout(String[] names, int[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("layout: " + names.length + " names for " + values.length + " values");
        }
        for (int i = 0; i < names.length; i++) {
            numbers.put(names[i], values[i]);
        }
        if (get("pointer") != 8) {
            throw new IllegalStateException(
                    "libmvhost supports 64-bit hosts only; pointers here are " + get("pointer") + " bytes");
        }
    }

    /** Size of {@code struct name}. */
    int size(String struct) {
        return get(struct);
    }

    /** Offset of {@code field} (a path such as {@code v1.endpoint}) in {@code struct name}. */
    int offset(String struct, String field) {
        return get(struct + "." + field);
    }

    private int get(String key) {
        Integer n = numbers.get(key);
        if (n == null) {
            throw new IllegalArgumentException("libmvhost did not report the layout of " + key);
        }
        return n;
    }
}
