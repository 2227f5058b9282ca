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
    private final Socket brokerSide;
    private final ServerSocket listener;
    private final ThreadFactory threads;
    private volatile Socket clientSide;
    private volatile boolean closed;
    private final AtomicInteger endedDirections = new AtomicInteger();

    private TcpRelay(Socket brokerSide, ServerSocket listener, ThreadFactory threads) {
        this.brokerSide = brokerSide;
        this.listener = listener;
        this.threads = threads;
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
    static TcpRelay open(String host, int port, int connectTimeoutMillis, ThreadFactory threads) throws RelayException {
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
                return new TcpRelay(socket, listener, threads);
            } catch (IOException e) {
                last = e;
                closeQuietly(socket);
            }
        }
        throw new RelayException("cannot connect to " + host + ":" + port, last, false);
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
                if (closed) {
                    closeQuietly(client);
                    return;
                }
                threads.newThread(() -> pipe(client, brokerSide)).start();
                pipe(brokerSide, client);
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

    /** Drops both legs at once: an abrupt loss, no MQTT DISCONNECT is sent. */
    @Override
    public void close() {
        closed = true;
        try {
            brokerSide.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed.
        }
        closeQuietly(brokerSide);
        closeQuietly(listener);
        Socket client = clientSide;
        if (client != null) {
            closeQuietly(client);
        }
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
