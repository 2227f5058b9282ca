package dev.mvmqtt.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a process holds at one moment: live heap after a full GC, resident memory, threads, file descriptors. */
record Footprint(long heapBytes, long rssBytes, int threads, long fds) {

    static Footprint now() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Footprint(
                heap, readRss(), ManagementFactory.getThreadMXBean().getThreadCount(), countFds());
    }

    /** Per connection, this footprint less {@code before}, as one line for the benchmark log. */
    String perConnectionSince(Footprint before, int connections, String label) {
        double n = connections;
        return String.format(
                "footprint %s n=%d: threads %+d (%.2f each), heap %+.1f KiB each, RSS %+.1f KiB each, fds %+d (%.2f each; %d in all)",
                label,
                connections,
                threads - before.threads,
                (threads - before.threads) / n,
                (heapBytes - before.heapBytes) / 1024.0 / n,
                (rssBytes - before.rssBytes) / 1024.0 / n,
                fds - before.fds,
                (fds - before.fds) / n,
                fds);
    }

    private static long readRss() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no figure.
        }
        return 0;
    }

    static long countFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
