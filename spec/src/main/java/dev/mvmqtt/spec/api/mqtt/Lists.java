package dev.mvmqtt.spec.api.mqtt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Copies for immutable request values; null elements stay (they are null pointers in C). */
final class Lists {
    private Lists() {}

    static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
