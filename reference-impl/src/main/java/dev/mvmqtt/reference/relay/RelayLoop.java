package dev.mvmqtt.reference.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one thread that moves every relay's bytes: a selector over all relay sockets of the JVM (broker side and
 * loopback side, and the loopback listeners), in place of the two blocking pipe threads each connection had.
 * Everything a {@link TcpRelay} does to its sockets happens on this thread; other threads hand work in with
 * {@link #execute(Runnable)}.
 */
final class RelayLoop implements Runnable {
    /** What a registered socket does when it is ready. */
    interface Handler {
        void ready(SelectionKey key);
    }

    private static volatile RelayLoop shared;

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    /** Every relay reads into this buffer and writes from it at once; only what a socket could not take is copied. */
    private final ByteBuffer transfer = ByteBuffer.allocate(64 * 1024);

    private RelayLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the relay's selector", e);
        }
        thread = new Thread(this, "mvmqtt-ref-relay-io");
        thread.setDaemon(true);
        thread.start();
    }

    /** The JVM's relay loop, started on first use. */
    static RelayLoop shared() {
        RelayLoop loop = shared;
        if (loop == null) {
            synchronized (RelayLoop.class) {
                loop = shared;
                if (loop == null) {
                    loop = new RelayLoop();
                    shared = loop;
                }
            }
        }
        return loop;
    }

    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    /** The shared transfer buffer, cleared; only for use on the loop thread, within one handler call. */
    ByteBuffer transfer() {
        return transfer.clear();
    }

    @Override
    public void run() {
        while (true) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A relay's own failure is that relay's business; the loop keeps serving the others.
                }
            }
            try {
                selector.select();
            } catch (IOException e) {
                continue;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                try {
                    if (key.isValid() && key.attachment() instanceof Handler handler) {
                        handler.ready(key);
                    }
                } catch (RuntimeException e) {
                    // As above: one relay's failure never stops the loop.
                }
            }
            selector.selectedKeys().clear();
        }
    }
}
