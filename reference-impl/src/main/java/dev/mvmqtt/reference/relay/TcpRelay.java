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
import java.util.concurrent.TimeUnit;

/**
 * The cloud relay's TCP leg: it opens the TCP connection to the broker itself and passes bytes between that
 * connection and a loopback socket the MQTT client connects to.
 *
 * <p>Doing the connection ourselves is what lets the reference tell NXDOMAIN (resolution failed) from SOCKETERROR
 * (the TCP connect failed) exactly, and drop a connection abruptly, with no MQTT DISCONNECT, as a device losing its
 * link does (the broker then publishes the will). Every relay's sockets are served by the one {@link RelayLoop}
 * thread with non-blocking I/O: a relay costs no thread, and no buffer while its bytes flow (a buffer is held only
 * for what a socket could not take at once).
 *
 * <p>Every run of bytes written towards the broker is shown to the {@link AcknowledgementWatch} once written (ACK-REF-3).
 */
final class TcpRelay implements Closeable {
    /** How long a dropped connection's broker side is read for its end before it is closed anyway. */
    private static final int DRAIN_MILLIS = 2_000;

    private final RelayLoop loop;
    private final SocketChannel brokerSide;
    private final ServerSocketChannel listener;
    private final InetSocketAddress clientAddress;
    private final Direction toBroker;
    private final Direction toClient;
    private SocketChannel clientSide;
    private SelectionKey brokerKey;
    private SelectionKey clientKey;
    private final AcknowledgementWatch acknowledgements;
    private volatile boolean closed;
    /** Completes when the broker side is closed, whichever way (see {@link #ended()}). */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** The drop has run (loop thread only). */
    private boolean dropped;

    /** Why the relay could not reach the broker. */
    static final class RelayException extends Exception {
        final boolean unresolved;

        RelayException(String message, Throwable cause, boolean unresolved) {
            super(message, cause);
            this.unresolved = unresolved;
        }
    }

    private TcpRelay(RelayLoop loop, SocketChannel brokerSide, ServerSocketChannel listener, boolean tls)
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
                connected(loop, socket, null, tls, result);
                return;
            }
            SelectionKey key = socket.register(loop.selector(), SelectionKey.OP_CONNECT);
            key.attach((RelayLoop.Handler) k -> {
                try {
                    if (s.finishConnect()) {
                        // The key stays: a cancelled key would keep the socket from registering again until
                        // the next select.
                        k.interestOps(0);
                        k.attach(null);
                        connected(loop, s, k, tls, result);
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

    /** On the loop: the broker accepted; open the loopback listener the MQTT client connects to. */
    private static void connected(
            RelayLoop loop,
            SocketChannel brokerSide,
            SelectionKey brokerKey,
            boolean tls,
            CompletableFuture<TcpRelay> result) {
        ServerSocketChannel listener = null;
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            listener.configureBlocking(false);
            TcpRelay relay = new TcpRelay(loop, brokerSide, listener, tls);
            relay.brokerKey = brokerKey;
            listener.register(loop.selector(), SelectionKey.OP_ACCEPT, (RelayLoop.Handler) k -> relay.accept());
            result.complete(relay);
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
            clientKey = client.register(loop.selector(), SelectionKey.OP_READ, (RelayLoop.Handler) this::clientReady);
            RelayLoop.Handler broker = this::brokerReady;
            if (brokerKey == null) {
                brokerKey = brokerSide.register(loop.selector(), SelectionKey.OP_READ, broker);
            } else {
                brokerKey.attach(broker);
                brokerKey.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            closeNow();
        }
    }

    private void clientReady(SelectionKey key) {
        if (key.isValid() && key.isWritable()) {
            toClient.drain();
        }
        if (key.isValid() && key.isReadable()) {
            toBroker.read();
        }
    }

    private void brokerReady(SelectionKey key) {
        if (key.isValid() && key.isWritable()) {
            toBroker.drain();
        }
        if (key.isValid() && key.isReadable()) {
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

        private SelectionKey sourceKey() {
            return towardsBroker ? clientKey : brokerKey;
        }

        private SelectionKey destinationKey() {
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

    private static void interest(SelectionKey key, int op, boolean on) {
        if (key != null && key.isValid()) {
            key.interestOps(on ? key.interestOps() | op : key.interestOps() & ~op);
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
        if (loop.inLoop()) {
            closeNow();
        } else {
            loop.execute(this::closeNow);
        }
    }

    /** On the loop; once. */
    private void closeNow() {
        closed = true;
        if (dropped) {
            return;
        }
        dropped = true;
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
        brokerKey.attach((RelayLoop.Handler) k -> drainBroker());
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
