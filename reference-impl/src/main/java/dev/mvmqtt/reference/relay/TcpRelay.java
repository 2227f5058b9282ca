package dev.mvmqtt.reference.relay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cloud relay's TCP leg: it resolves the broker's host, opens the TCP connection to it, and
 * pipes bytes between that connection and a loopback socket the MQTT client connects to.
 *
 * <p>Doing the connection ourselves is what lets the reference tell NXDOMAIN (resolution failed)
 * from SOCKETERROR (the TCP connect failed) exactly, and drop a connection abruptly, with no MQTT
 * DISCONNECT, as a device losing its link does (the broker then publishes the will).
 */
final class TcpRelay implements Closeable {
    /** How long a dropped connection's broker side is read for its end before it is closed anyway. */
    private static final int DRAIN_MILLIS = 2_000;
    private final Socket brokerSide;
    private final ServerSocket listener;
    private final ThreadFactory threads;
    private volatile Socket clientSide;
    private volatile boolean closed;
    private final AtomicInteger endedDirections = new AtomicInteger();
    private final AcknowledgementWatch acknowledgements;
    /** While the broker-to-client pump reads the broker's side, it, not close(), closes that side. Guarded by this. */
    private boolean readingBroker;

    private TcpRelay(Socket brokerSide, ServerSocket listener, ThreadFactory threads, boolean tls) {
        this.brokerSide = brokerSide;
        this.listener = listener;
        this.threads = threads;
        this.acknowledgements = AcknowledgementWatch.forStream(tls);
    }

    /** Why the relay could not reach the broker. */
    static final class RelayException extends Exception {
        final boolean unresolved;

        RelayException(String message, Throwable cause, boolean unresolved) {
            super(message, cause);
            this.unresolved = unresolved;
        }
    }

    /**
     * Resolves {@code host} and connects to it.
     *
     * @throws RelayException with {@code unresolved} set when the name does not resolve
     */
    static TcpRelay open(String host, int port, int connectTimeoutMillis, ThreadFactory threads, boolean tls) throws RelayException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (IOException | SecurityException e) {
            throw new RelayException("cannot resolve " + host, e, true);
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, port), connectTimeoutMillis);
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                return new TcpRelay(socket, listener, threads, tls);
            } catch (IOException e) {
                last = e;
                closeQuietly(socket);
            }
        }
        throw new RelayException("cannot connect to " + host + ":" + port, last, false);
    }

    /** What tells when an acknowledgement handed to the client has been written to the broker. */
    AcknowledgementWatch acknowledgements() {
        return acknowledgements;
    }

    /** The loopback address the MQTT client must connect to. */
    InetSocketAddress clientAddress() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** Accepts the MQTT client's connection in the background and starts piping. */
    void start(int acceptTimeoutMillis) {
        threads.newThread(() -> {
            try {
                listener.setSoTimeout(acceptTimeoutMillis);
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                clientSide = client;
                closeQuietly(listener);
                synchronized (this) {
                    if (closed) {
                        closeQuietly(client);
                        return;
                    }
                    readingBroker = true;
                }
                threads.newThread(() -> pipe(client, brokerSide)).start();
                pipe(brokerSide, client);
                boolean dropped;
                synchronized (this) {
                    readingBroker = false;
                    dropped = closed;
                }
                if (dropped) {
                    drainBrokerThenClose();
                }
            } catch (SocketTimeoutException e) {
                close();
            } catch (IOException e) {
                close();
            }
        }).start();
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            // Not try-with-resources: closing a socket's stream closes the socket, and an orderly end must not.
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                if (to == brokerSide) {
                    acknowledgements.written(buffer, 0, n);
                }
            }
            // An orderly end is passed on as one (FIN after every byte), so that the MQTT client reads all that came
            // before it, a broker's MQTT 5 DISCONNECT included; a full close here could reset the connection and
            // lose those bytes. The relay closes once both directions have ended.
            to.shutdownOutput();
            if (endedDirections.incrementAndGet() < 2) {
                return;
            }
        } catch (IOException e) {
            // The other direction or close() ended the connection.
        }
        close();
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
        boolean brokerBeingRead;
        synchronized (this) {
            closed = true;
            brokerBeingRead = readingBroker;
        }
        acknowledgements.dropped();
        closeQuietly(listener);
        Socket client = clientSide;
        if (client != null) {
            closeQuietly(client);
        }
        if (!brokerBeingRead) {
            closeQuietly(brokerSide);
            return;
        }
        try {
            brokerSide.shutdownOutput();
        } catch (IOException e) {
            // Already ended or closed: nothing more can be sent.
        }
    }

    /** Run by the broker-to-client pump once it ends after a drop: reads the broker's side to its end, then closes it. */
    private void drainBrokerThenClose() {
        try {
            brokerSide.setSoTimeout(DRAIN_MILLIS);
            InputStream in = brokerSide.getInputStream();
            byte[] discard = new byte[1024];
            while (in.read(discard) >= 0) {
                // What the broker still sends after the drop has no reader any more.
            }
        } catch (IOException e) {
            // Timed out, reset or closed: close it now.
        }
        closeQuietly(brokerSide);
    }

    boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
