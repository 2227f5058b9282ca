package dev.mvmqtt.tck.broken.table;

import dev.mvmqtt.spec.api.Microvisor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * The generic broken device: every call of {@link Microvisor} goes to the wrapped reference unchanged, except those
 * a {@link Break} claims. A proxy rather than a subclass, so one class serves every row of the table whatever call
 * it breaks.
 */
public final class BreakingMicrovisor {
    /** A {@link Break#call()} matching every call (the breaks that concern a status whatever call answers it). */
    public static final String ANY = "*";

    private BreakingMicrovisor() {}

    /** {@code reference} with {@code breaks} applied. */
    public static Microvisor wrap(Microvisor reference, List<Break> breaks) {
        BreakState state = new BreakState();
        InvocationHandler handler = (proxy, method, args) -> invoke(reference, breaks, state, method, args);
        return (Microvisor)
                Proxy.newProxyInstance(Microvisor.class.getClassLoader(), new Class<?>[] {Microvisor.class}, handler);
    }

    private static Object invoke(
            Microvisor reference, List<Break> breaks, BreakState state, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "broken" + breaks.stream().map(Break::rule).toList() + "(" + reference + ")";
                case "hashCode" -> System.identityHashCode(reference);
                case "equals" -> args[0] == reference;
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
        Call call = new Call(reference, method, args, state);
        for (Break b : breaks) {
            if ((b.call().equals(ANY) || b.call().equals(method.getName()))
                    && b.when().test(call)) {
                return b.answer().apply(call);
            }
        }
        return call.proceed();
    }
}
