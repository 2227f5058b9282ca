package dev.mvmqtt.tck.broken.table;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Per-device memory for breaks that depend on what came before (the n-th call, a remembered handle). */
public final class BreakState {
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    /** Increments and returns counter {@code name} (1 on its first use). */
    public int next(String name) {
        return counters.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Remembers a value. */
    public void put(String name, Object value) {
        values.put(name, value);
    }

    /** The value remembered under {@code name}, made by {@code make} on first use. */
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(String name, Supplier<T> make) {
        return (T) values.computeIfAbsent(name, k -> make.get());
    }

    /** A remembered value, or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        return (T) values.get(name);
    }
}
