package dev.mvmqtt.reference.device;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every reference device in the JVM shares, so that a device costs none of its own (issue 15: a
 * thousand devices should cost about what a thousand MQTT clients do). Each device runs its work on them through
 * {@link SerialExecutor}s, which keep each device's order. The threads are daemons and end when idle, so a JVM
 * holding no busy device holds none of them.
 *
 * <p>The application's IRQ handlers run here. Like an interrupt service routine on the device they must return
 * promptly: a handler that blocks holds one of a few threads shared by every device.
 */
public final class DeviceThreads {
    /** Device work: IRQ handlers and broker events, each device's in its own order. */
    private static final ExecutorService WORK =
            pool("mvmqtt-ref-device", Math.max(2, Runtime.getRuntime().availableProcessors()));
    /** Name resolution, the one blocking step of a connect (the TCP connect itself waits on the relay's selector). */
    private static final ExecutorService RESOLVER = pool("mvmqtt-ref-resolve", 2);

    private DeviceThreads() {}

    /** A new serial executor for one device's work. */
    public static SerialExecutor serial() {
        return new SerialExecutor(WORK);
    }

    public static ExecutorService resolver() {
        return RESOLVER;
    }

    private static ExecutorService pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
