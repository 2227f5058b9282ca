package dev.mvmqtt.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Native stand-ins for heap buffers a C implementation keeps (notification rings, channel buffers): C
 * needs an address, a heap buffer has none. One stand-in per backing array, so two buffers over the
 * same array overlap in C as they do in Java; each sits 8 bytes past a 512-byte boundary, because a
 * heap buffer's address is never aligned beyond 8 bytes. What the implementation writes is copied back
 * into the array after every call and before every interrupt.
 */
final class HeapShadows {
    private record Shadow(byte[] array, ByteBuffer memory) {}

    private final Map<byte[], Shadow> shadows = new IdentityHashMap<>();

    /** The address C sees for {@code buffer}: its own for a direct buffer, 0 (NULL) for a read-only one. */
    synchronized long addressOf(ByteBuffer buffer) {
        if (buffer == null || buffer.isReadOnly()) {
            return 0;
        }
        if (buffer.isDirect()) {
            return NativeMemory.addressOf(buffer);
        }
        byte[] array = buffer.array();
        Shadow shadow = shadows.computeIfAbsent(array, HeapShadows::shadow);
        return NativeMemory.addressOf(shadow.memory()) + buffer.arrayOffset();
    }

    private static Shadow shadow(byte[] array) {
        ByteBuffer raw = ByteBuffer.allocateDirect(array.length + 1024);
        int offset = (int) ((8 - NativeMemory.addressOf(raw) % 512 + 512) % 512);
        ByteBuffer memory = raw.position(offset).slice().order(ByteOrder.nativeOrder());
        memory.put(0, array, 0, array.length);
        return new Shadow(array, memory);
    }

    /** Copies what the implementation wrote into the Java arrays. */
    void syncBack() {
        List<Shadow> all;
        synchronized (this) {
            all = new ArrayList<>(shadows.values());
        }
        for (Shadow s : all) {
            s.memory().get(0, s.array(), 0, s.array().length);
        }
    }
}
