package dev.mvmqtt.tck.broken.table;

import dev.mvmqtt.spec.api.Microvisor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * One call of the wrapped device as a {@link Break} sees it: the method, its arguments (mutable: an answer may
 * change them before proceeding) and the device to proceed to.
 */
public final class Call {
    private final Microvisor delegate;
    private final Method method;
    private final Object[] args;
    private final BreakState state;

    Call(Microvisor delegate, Method method, Object[] args, BreakState state) {
        this.delegate = delegate;
        this.method = method;
        this.args = args == null ? new Object[0] : args;
        this.state = state;
    }

    /** The C name of the call, e.g. {@code mvOpenChannel}. */
    public String name() {
        return method.getName();
    }

    /** Argument {@code i}, cast to what the caller expects. */
    @SuppressWarnings("unchecked")
    public <T> T arg(int i) {
        return (T) args[i];
    }

    /** Replaces argument {@code i} for {@link #proceed()}. */
    public void setArg(int i, Object value) {
        args[i] = value;
    }

    /** State shared by every call on this device (counters, remembered handles), for breaks that need memory. */
    public BreakState state() {
        return state;
    }

    /** The wrapped device itself, for breaks that make extra calls. */
    public Microvisor device() {
        return delegate;
    }

    /** Makes the call on the wrapped device with the (possibly changed) arguments. */
    public Object proceed() {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name() + Arrays.toString(args);
    }
}
