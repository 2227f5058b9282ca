package dev.mvmqtt.reference.relay;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cloud relay's TCP leg: it opens the TCP connection to the broker itself and passes bytes between that
 * connection and a loopback socket the MQTT client connects to.
 *
 * <p>Doing the connection ourselves is what lets the reference tell NXDOMAIN (resolution failed) from SOCKETERROR
 * (the TCP connect failed) exactly, and drop a connection abruptly, with no MQTT DISCONNECT, as a device losing its
 * link does (the broker then publishes the will). The broker connection is opened on the one {@link RelayLoop}
 * thread; from {@link #serve} on, the relay's sockets are served with non-blocking I/O by a {@link RelayThread}, the
 * MQTT client's own event loop where it can be had: a relay costs no thread, and no buffer while its bytes flow (a
 * buffer is held only for what a socket could not take at once).
 *
 * <p>Every run of bytes written towards the broker is shown to the {@link AcknowledgementWatch} once written (ACK-REF-3).
 */
final class TcpRelay implements Closeable {
    /** How long a dropped connection's broker side is read for its end before it is closed anyway. */
    private static final int DRAIN_MILLIS = 2_000;

    /** The connect loop until {@link #serve}, then the thread that serves the relay. */
    private volatile RelayThread loop;

    private final SocketChannel brokerSide;
    private final ServerSocketChannel listener;
    private final InetSocketAddress clientAddress;
    private final Direction toBroker;
    private final Direction toClient;
    private SocketChannel clientSide;
    private RelayThread.Registration brokerKey;
    private RelayThread.Registration clientKey;
    private final AcknowledgementWatch acknowledgements;
    private volatile boolean closed;
    /** Completes when the broker side is closed, whichever way (see {@link #ended()}). */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /**
     * The drop has run; atomic because a close racing {@link #serve} may run it on the connect loop while the serving
     * thread starts.
     */
    private final AtomicBoolean dropped = new AtomicBoolean();

    /** Why the relay could not reach the broker. */
    static final class RelayException extends Exception {
        final boolean unresolved;

        RelayException(String message, Throwable cause, boolean unresolved) {
            super(message, cause);
            this.unresolved = unresolved;
        }
    }

    private TcpRelay(RelayThread loop, SocketChannel brokerSide, ServerSocketChannel listener, boolean tls)
            throws IOException {
        this.acknowledgements = AcknowledgementWatch.forStream(tls);
        this.loop = loop;
        this.brokerSide = brokerSide;
        this.listener = listener;
        this.clientAddress = (InetSocketAddress) listener.getLocalAddress();
        this.toBroker = new Direction(true);
        this.toClient = new Direction(false);
    }

    /** Resolves {@code host} (a blocking call, so on {@code resolver}); fails with a {@link RelayException}, unresolved. */
    static CompletableFuture<InetAddress[]> resolve(String host, Executor resolver) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return InetAddress.getAllByName(host);
                    } catch (IOException | SecurityException e) {
                        throw new CompletionException(new RelayException("cannot resolve " + host, e, true));
                    }
                },
                resolver);
    }

    /**
     * Connects to the first of {@code addresses} that accepts within {@code timeoutMillis} each, without blocking
     * a thread; fails with a {@link RelayException} when none does.
     */
    static CompletableFuture<TcpRelay> open(InetAddress[] addresses, int port, int timeoutMillis, boolean tls) {
        CompletableFuture<TcpRelay> result = new CompletableFuture<>();
        RelayLoop loop = RelayLoop.shared();
        loop.execute(() -> attempt(loop, addresses, 0, port, timeoutMillis, tls, null, result));
        return result;
    }

    /** On the loop: tries {@code addresses[index]}, then the next one on failure. */
    private static void attempt(
            RelayLoop loop,
            InetAddress[] addresses,
            int index,
            int port,
            int timeoutMillis,
            boolean tls,
            IOException last,
            CompletableFuture<TcpRelay> result) {
        if (index >= addresses.length) {
            String where = addresses.length == 0 ? "?" : addresses[0].getHostName();
            result.completeExceptionally(new RelayException("cannot connect to " + where + ":" + port, last, false));
            return;
        }
        SocketChannel socket = null;
        try {
            socket = SocketChannel.open();
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SocketChannel s = socket;
            if (socket.connect(new InetSocketAddress(addresses[index], port))) {
                connected(loop, socket, tls, result);
                return;
            }
            SelectionKey key = socket.register(loop.selector(), SelectionKey.OP_CONNECT);
            key.attach((RelayLoop.KeyHandler) k -> {
                try {
                    if (s.finishConnect()) {
                        // The key stays: a cancelled key would keep the socket from registering again until
                        // the next select.
                        k.interestOps(0);
                        k.attach(null);
                        connected(loop, s, tls, result);
                    }
                } catch (IOException e) {
                    k.cancel();
                    closeQuietly(s);
                    attempt(loop, addresses, index + 1, port, timeoutMillis, tls, e, result);
                }
            });
            CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS, loop::execute)
                    .execute(() -> {
                        if (key.isValid() && !s.isConnected()) {
                            key.cancel();
                            closeQuietly(s);
                            attempt(
                                    loop,
                                    addresses,
                                    index + 1,
                                    port,
                                    timeoutMillis,
                                    tls,
                                    new IOException("connect timed out"),
                                    result);
                        }
                    });
        } catch (IOException e) {
            closeQuietly(socket);
            attempt(loop, addresses, index + 1, port, timeoutMillis, tls, e, result);
        }
    }

    /**
     * On the loop: the broker accepted; open the loopback listener the MQTT client connects to (it may connect at
     * once: the listener's backlog holds the connection until {@link #serve} accepts it).
     */
    private static void connected(
            RelayLoop loop, SocketChannel brokerSide, boolean tls, CompletableFuture<TcpRelay> result) {
        ServerSocketChannel listener = null;
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            listener.configureBlocking(false);
            result.complete(new TcpRelay(loop, brokerSide, listener, tls));
        } catch (IOException e) {
            closeQuietly(listener);
            closeQuietly(brokerSide);
            result.completeExceptionally(new RelayException("cannot open the relay's loopback listener", e, false));
        }
    }

    /** The loopback address the MQTT client must connect to. */
    InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** What tells when an acknowledgement handed to the client has been written to the broker. */
    AcknowledgementWatch acknowledgements() {
        return acknowledgements;
    }

    /**
     * Starts passing bytes, served by {@code thread} from now on (the {@link RelayLoop}, or the MQTT client's event
     * loop); called once, before or after the client connects.
     */
    void serve(RelayThread thread) {
        RelayLoop connectLoop = RelayLoop.shared();
        connectLoop.execute(() -> {
            if (thread != connectLoop) {
                // The broker socket kept its connect key on the connect loop's selector (see attempt); cancelled
                // here, it is deregistered at that loop's next select, so a close later is not held up by it.
                SelectionKey connectKey = brokerSide.keyFor(connectLoop.selector());
                if (connectKey != null) {
                    connectKey.cancel();
                }
            }
            loop = thread;
            try {
                thread.execute(this::start);
            } catch (RuntimeException e) {
                // The thread is gone (its loop shut down): nothing can be served any more.
                loop = connectLoop;
                closeNow();
            }
        });
    }

    /** On the serving thread: waits for the MQTT client's connection. */
    private void start() {
        if (closed) {
            closeNow();
            return;
        }
        try {
            brokerKey = loop.register(brokerSide, 0, this::brokerReady);
            loop.register(listener, SelectionKey.OP_ACCEPT, ops -> accept());
        } catch (IOException e) {
            closeNow();
        }
    }

    /** On the loop: the MQTT client connected; from now on bytes flow both ways. */
    private void accept() {
        try {
            SocketChannel client = listener.accept();
            if (client == null) {
                return;
            }
            closeQuietly(listener);
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            clientSide = client;
            if (closed) {
                closeNow();
                return;
            }
            clientKey = loop.register(client, SelectionKey.OP_READ, this::clientReady);
            brokerKey.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            closeNow();
        }
    }

    private void clientReady(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0 && !dropped.get()) {
            toClient.drain();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && !dropped.get()) {
            toBroker.read();
        }
    }

    private void brokerReady(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0 && !dropped.get()) {
            toBroker.drain();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && !dropped.get()) {
            toClient.read();
        }
    }

    /** One direction of the relay; all on the loop thread. */
    private final class Direction {
        private final boolean towardsBroker;
        /** What the destination could not take yet; null when everything read has been written. */
        private ByteBuffer pending;

        private boolean sourceEnded;
        private boolean finished;

        Direction(boolean towardsBroker) {
            this.towardsBroker = towardsBroker;
        }

        private SocketChannel source() {
            return towardsBroker ? clientSide : brokerSide;
        }

        private SocketChannel destination() {
            return towardsBroker ? brokerSide : clientSide;
        }

        private RelayThread.Registration sourceKey() {
            return towardsBroker ? clientKey : brokerKey;
        }

        private RelayThread.Registration destinationKey() {
            return towardsBroker ? brokerKey : clientKey;
        }

        void read() {
            try {
                ByteBuffer buffer = loop.transfer();
                int n = source().read(buffer);
                if (n < 0) {
                    sourceEnded = true;
                    interest(sourceKey(), SelectionKey.OP_READ, false);
                    if (pending == null) {
                        finish();
                    }
                    return;
                }
                buffer.flip();
                write(buffer);
                if (buffer.hasRemaining()) {
                    // The destination is full: keep the rest and stop reading this side until it has been taken.
                    pending =
                            ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
                    interest(sourceKey(), SelectionKey.OP_READ, false);
                    interest(destinationKey(), SelectionKey.OP_WRITE, true);
                }
            } catch (IOException e) {
                closeNow();
            }
        }

        void drain() {
            try {
                write(pending);
                if (pending.hasRemaining()) {
                    return;
                }
                pending = null;
                interest(destinationKey(), SelectionKey.OP_WRITE, false);
                if (sourceEnded) {
                    finish();
                } else {
                    interest(sourceKey(), SelectionKey.OP_READ, true);
                }
            } catch (IOException e) {
                closeNow();
            }
        }

        private void write(ByteBuffer buffer) throws IOException {
            int start = buffer.position();
            destination().write(buffer);
            if (towardsBroker && buffer.position() > start) {
                acknowledgements.written(buffer.array(), buffer.arrayOffset() + start, buffer.position() - start);
            }
        }

        /**
         * An orderly end is passed on as one (FIN after every byte), so that the MQTT client reads all that came
         * before it, a broker's MQTT 5 DISCONNECT included; a full close here could reset the connection and lose
         * those bytes. The relay closes once both directions have ended.
         */
        private void finish() throws IOException {
            finished = true;
            destination().shutdownOutput();
            if (toBroker.finished && toClient.finished) {
                closeNow();
            }
        }
    }

    private static void interest(RelayThread.Registration key, int op, boolean on) {
        if (key != null && key.isValid()) {
            key.interest(op, on);
        }
    }

    /**
     * Drops the connection: an abrupt loss for the MQTT client, and no MQTT DISCONNECT for the broker (it publishes
     * the will). Towards the broker the end is orderly, a FIN after every byte already written, so that what was
     * handed to the network before the drop still arrives (an acknowledgement answered OKAY, ACK-REF-3): a reset
     * would discard unsent bytes and lets a broker drop what it has not read yet. The broker's side is then read to
     * its end (or for {@link #DRAIN_MILLIS}) before it is closed, since closing with unread bytes sends a reset too.
     */
    @Override
    public void close() {
        closed = true;
        RelayThread thread = loop;
        if (thread.inLoop()) {
            closeNow();
            return;
        }
        try {
            thread.execute(this::closeNow);
        } catch (RejectedExecutionException e) {
            // The serving loop shut down: its selector is closed, the sockets are closed on the connect loop.
            RelayLoop.shared().execute(this::closeNow);
        }
    }

    /** On the loop; once. */
    private void closeNow() {
        closed = true;
        if (!dropped.compareAndSet(false, true)) {
            return;
        }
        acknowledgements.dropped();
        closeQuietly(listener);
        closeQuietly(clientSide);
        toBroker.pending = null;
        toClient.pending = null;
        if (clientKey == null || brokerKey == null || !brokerKey.isValid() || toClient.sourceEnded) {
            // Never piped, or the broker already ended its side: nothing left to read.
            closeBrokerSide();
            return;
        }
        try {
            brokerSide.shutdownOutput();
        } catch (IOException e) {
            closeBrokerSide();
            return;
        }
        brokerKey.handler(ops -> drainBroker());
        brokerKey.interestOps(SelectionKey.OP_READ);
        CompletableFuture.delayedExecutor(DRAIN_MILLIS, TimeUnit.MILLISECONDS, loop::execute)
                .execute(this::closeBrokerSide);
    }

    /** After a drop: what the broker still sends has no reader any more; closes its side at its end. */
    private void drainBroker() {
        try {
            while (true) {
                ByteBuffer discard = loop.transfer();
                int n = brokerSide.read(discard);
                if (n == 0) {
                    return;
                }
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            // Reset or closed: close it now.
        }
        closeBrokerSide();
    }

    /**
     * Completes once the broker side is closed: after a drop, when the broker has answered the relay's FIN with its
     * own (it has then read every byte written before it), or after {@link #DRAIN_MILLIS} at most.
     */
    CompletableFuture<Void> ended() {
        return ended;
    }

    private void closeBrokerSide() {
        closeQuietly(brokerSide);
        ended.complete(null);
    }

    boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(Channel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
