package dev.mvmqtt.reference.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many devices on a few shared threads: each device's tasks in order, never two at once, a throwing one harmless. */
class SerialExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void eachDevicesTasksRunInOrderOneAtATime() throws InterruptedException {
        int devices = 50;
        int tasks = 500;
        List<List<Integer>> seen = new ArrayList<>();
        List<AtomicInteger> running = new ArrayList<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(devices * tasks);
        List<SerialExecutor> executors = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            seen.add(Collections.synchronizedList(new ArrayList<>()));
            running.add(new AtomicInteger());
            executors.add(new SerialExecutor(pool));
        }
        for (int t = 0; t < tasks; t++) {
            for (int d = 0; d < devices; d++) {
                int device = d;
                int task = t;
                executors.get(d).execute(() -> {
                    if (running.get(device).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.get(device).add(task);
                    running.get(device).decrementAndGet();
                    done.countDown();
                });
            }
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).as("every task ran").isTrue();
        assertThat(overlaps).as("two tasks of one device at once").hasValue(0);
        for (int d = 0; d < devices; d++) {
            assertThat(seen.get(d))
                    .as("device %d's tasks, in the order handed in", d)
                    .hasSize(tasks)
                    .isSorted();
        }
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheNext() throws InterruptedException {
        SerialExecutor executor = new SerialExecutor(pool);
        CountDownLatch next = new CountDownLatch(1);
        executor.execute(() -> {
            throw new IllegalStateException("an application handler that throws");
        });
        executor.execute(next::countDown);
        assertThat(next.await(10, TimeUnit.SECONDS))
                .as("the task after a throwing one ran")
                .isTrue();
    }
}
