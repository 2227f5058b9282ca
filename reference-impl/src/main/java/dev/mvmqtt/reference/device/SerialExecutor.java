package dev.mvmqtt.reference.device;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs one device's tasks one at a time, in the order they were handed in, on threads borrowed from a shared
 * pool: a device costs no thread of its own, and no two of its tasks ever run at once. A task that throws does
 * not stop the ones after it. After a batch of tasks the executor hands its thread back to the pool, so one busy
 * device cannot starve the others.
 */
public final class SerialExecutor implements Executor {
    private static final int BATCH = 64;

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.addLast(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        pool.execute(this::runBatch);
    }

    private void runBatch() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.pollFirst();
                if (task == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // One failing task (an application IRQ handler that throws) must not stop the later ones.
            }
        }
        pool.execute(this::runBatch);
    }

    /** Forgets the tasks not yet started (the device closed): they would find nothing to do. */
    public void clear() {
        synchronized (tasks) {
            tasks.clear();
        }
    }
}
