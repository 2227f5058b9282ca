package dev.mvmqtt.reference.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.Executor;

/**
 * The thread that serves a relay's sockets with non-blocking I/O: the JVM's {@link RelayLoop}, or the MQTT client's
 * own Netty event loop ({@link ClientEventLoop}), which then carries a message from the client's socket through the
 * relay to the broker without waking another thread. Everything a {@link TcpRelay} does to its sockets happens on
 * this thread; other threads hand work in with {@link #execute(Runnable)}.
 */
interface RelayThread extends Executor {
    /** What a registered socket does when it is ready. */
    interface Handler {
        /** @param readyOps the {@link java.nio.channels.SelectionKey} operations the socket is ready for */
        void ready(int readyOps);
    }

    /** A socket's registration with this thread's selector; used on the thread only. */
    interface Registration {
        /** Turns one operation of the interest set on or off. */
        void interest(int op, boolean on);

        /** Replaces the interest set. */
        void interestOps(int ops);

        /** Replaces what runs when the socket is ready. */
        void handler(Handler handler);

        boolean isValid();
    }

    boolean inLoop();

    /** On the thread: serves {@code channel} (non-blocking) for {@code ops} with {@code handler}. */
    Registration register(SelectableChannel channel, int ops, Handler handler) throws IOException;

    /**
     * A buffer every relay of this thread reads into and writes from at once, cleared; only for use on the thread,
     * within one handler call.
     */
    ByteBuffer transfer();
}
