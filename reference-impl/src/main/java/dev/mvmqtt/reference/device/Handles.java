package dev.mvmqtt.reference.device;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Handle allocation: random, never zero, unique within one device across every kind of object, so
 * that a handle of one kind passed where another is expected is simply not found (INVALIDHANDLE).
 * Not thread-safe; the device's lock guards it.
 */
public final class Handles {
    private final Random random = new SecureRandom();
    private final Map<Integer, Object> objects = new HashMap<>();

    public int allocate(Object object) {
        int handle;
        do {
            handle = random.nextInt();
        } while (handle == 0 || objects.containsKey(handle));
        objects.put(handle, object);
        return handle;
    }

    /** The object of that handle if it is of that kind, else null. */
    public <T> T find(int handle, Class<T> kind) {
        Object object = objects.get(handle);
        return kind.isInstance(object) ? kind.cast(object) : null;
    }

    /** Keeps {@code handle} taken, now standing for {@code object}: it is never issued again. */
    public void replace(int handle, Object object) {
        objects.replace(handle, object);
    }

    public void release(int handle) {
        objects.remove(handle);
    }
}
