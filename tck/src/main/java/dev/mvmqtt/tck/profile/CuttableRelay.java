package dev.mvmqtt.tck.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP relay to a broker that can be cut: {@link #cut()} resets both sides at once, so the broker sees a
 * connection lost without a DISCONNECT, as when a device's network goes away. Bytes are passed through untouched, so
 * the client's protocol (and TLS) is the broker's business.
 */
final class CuttableRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress broker;
    private final List<Socket> sockets = new ArrayList<>();

    CuttableRelay(InetSocketAddress broker) {
        this.broker = broker;
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback relay", e);
        }
        Thread accept = new Thread(this::acceptOne, "mvmqtt-profile-relay");
        accept.setDaemon(true);
        accept.start();
    }

    /** The loopback port a client connects to instead of the broker's. */
    int port() {
        return listener.getLocalPort();
    }

    private void acceptOne() {
        try (ServerSocket l = listener) {
            Socket client = l.accept();
            Socket upstream = new Socket(broker.getAddress(), broker.getPort());
            synchronized (sockets) {
                sockets.add(client);
                sockets.add(upstream);
            }
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            // the relay was cut or closed before or while connecting: the client sees its connection fail
            cut();
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[8192];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the cut, or the other side went away
                    }
                },
                "mvmqtt-profile-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Resets both connections (SO_LINGER 0: an RST, no FIN, no DISCONNECT). */
    void cut() {
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.setSoLinger(true, 0);
                    s.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
