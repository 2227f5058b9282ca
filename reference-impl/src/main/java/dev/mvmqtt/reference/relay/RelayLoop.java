package dev.mvmqtt.reference.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one thread that opens every relay's broker connection (connect and its time-out), and serves a relay's sockets
 * when the MQTT client's own event loop cannot ({@link ClientEventLoop}): a selector over those sockets, in place of
 * the two blocking pipe threads each connection had. Other threads hand work in with {@link #execute(Runnable)}.
 */
final class RelayLoop implements Runnable, RelayThread {
    /** What a socket registered for its connect does when it is ready. */
    interface KeyHandler {
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

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    @Override
    public ByteBuffer transfer() {
        return transfer.clear();
    }

    /**
     * Reuses the key a socket kept from its connect, if any: a cancelled key would keep the socket from registering
     * again until the next select.
     */
    @Override
    public Registration register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !key.isValid()) {
            key = channel.register(selector, ops, handler);
        } else {
            key.attach(handler);
            key.interestOps(ops);
        }
        SelectionKey registered = key;
        return new Registration() {
            @Override
            public void interest(int op, boolean on) {
                if (registered.isValid()) {
                    registered.interestOps(on ? registered.interestOps() | op : registered.interestOps() & ~op);
                }
            }

            @Override
            public void interestOps(int ops) {
                registered.interestOps(ops);
            }

            @Override
            public void handler(Handler handler) {
                registered.attach(handler);
            }

            @Override
            public boolean isValid() {
                return registered.isValid();
            }
        };
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
                    if (key.isValid()) {
                        if (key.attachment() instanceof Handler handler) {
                            handler.ready(key.readyOps());
                        } else if (key.attachment() instanceof KeyHandler handler) {
                            handler.ready(key);
                        }
                    }
                } catch (RuntimeException e) {
                    // As above: one relay's failure never stops the loop.
                }
            }
            selector.selectedKeys().clear();
        }
    }
}
