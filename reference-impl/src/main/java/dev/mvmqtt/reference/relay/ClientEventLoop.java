package dev.mvmqtt.reference.relay;

import com.hivemq.client.internal.mqtt.MqttClientConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.nio.NioTask;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Optional;

/**
 * The HiveMQ MQTT client's own Netty event loop, serving the relay under that client: the client writes a PUBLISH to
 * the loopback socket and the same thread, at its next select, reads it there and writes it to the broker; the
 * broker's PUBACK wakes that thread once, which passes it to the loopback socket and reads it back as the client. A
 * relay on the shared {@link RelayLoop} costs two more thread wake-ups per round trip.
 *
 * <p>The client keeps one event loop while it holds it ({@code MqttClientConfig.acquireEventLoop}, the library's
 * internal API): the relay holds it too, from before the client connects until the relay has ended, so that the
 * client's connection lands on this loop and the loop outlives the relay's drain after a drop. Only a NIO loop can
 * serve plain Java sockets ({@link NioEventLoop#register}); with another transport, or a library that no longer
 * offers this, the relay stays on the {@link RelayLoop}.
 */
final class ClientEventLoop implements RelayThread {
    /** One per event-loop thread, as {@link RelayLoop} has one. */
    private static final ThreadLocal<ByteBuffer> TRANSFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

    private final NioEventLoop loop;
    private final MqttClientConfig holder;

    private ClientEventLoop(NioEventLoop loop, MqttClientConfig holder) {
        this.loop = loop;
        this.holder = holder;
    }

    /**
     * Holds the event loop of {@code client} (a HiveMQ {@code Mqtt5AsyncClient} or {@code Mqtt3AsyncClient}, not yet
     * connected); empty when it is not a NIO loop or cannot be had. Call {@link #release()} once the relay has ended.
     */
    static Optional<ClientEventLoop> hold(Object client) {
        MqttClientConfig config = configOf(client);
        if (config == null) {
            return Optional.empty();
        }
        EventLoop loop = config.acquireEventLoop();
        if (loop instanceof NioEventLoop nio) {
            return Optional.of(new ClientEventLoop(nio, config));
        }
        config.releaseEventLoop();
        return Optional.empty();
    }

    private static MqttClientConfig configOf(Object client) {
        try {
            if (client instanceof com.hivemq.client.mqtt.mqtt5.Mqtt5Client c5
                    && c5.getConfig() instanceof MqttClientConfig config) {
                return config;
            }
            // The 3.1.1 client is a view over a 5 client, which holds the connection and its event loop.
            Field delegate = client.getClass().getDeclaredField("delegate");
            delegate.setAccessible(true);
            return configOf(delegate.get(client));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Lets the client give the event loop back once it no longer needs it either. */
    void release() {
        holder.releaseEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public boolean inLoop() {
        return loop.inEventLoop();
    }

    @Override
    public ByteBuffer transfer() {
        return TRANSFER.get().clear();
    }

    @Override
    public Registration register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        if (!channel.isOpen()) {
            throw new IOException("closed");
        }
        TaskRegistration registration = new TaskRegistration(ops, handler);
        // Netty gives no key back: the socket registers for writing too (a connected socket is writable at once),
        // and the first readiness hands the key over, after which the interest set is the one asked for.
        int first = (channel.validOps() & SelectionKey.OP_WRITE) != 0 ? ops | SelectionKey.OP_WRITE : ops;
        loop.register(channel, first, registration);
        return registration;
    }

    /** A socket on the Netty loop; its key is known from its first readiness on. */
    private static final class TaskRegistration implements Registration, NioTask<SelectableChannel> {
        private SelectionKey key;
        private int wanted;
        private Handler handler;
        private boolean unregistered;

        TaskRegistration(int ops, Handler handler) {
            this.wanted = ops;
            this.handler = handler;
        }

        @Override
        public void channelReady(SelectableChannel channel, SelectionKey k) {
            if (key != k) {
                // The first readiness (or Netty rebuilt its selector): set the interest asked for meanwhile.
                key = k;
                k.interestOps(wanted);
            }
            int ready = k.readyOps() & wanted;
            if (ready != 0) {
                handler.ready(ready);
            }
        }

        @Override
        public void channelUnregistered(SelectableChannel channel, Throwable cause) {
            // Cancelled because the socket was closed, or by Netty (a handler failed, the loop shut down): then
            // the socket is closed here, and the MQTT client sees its connection lost.
            unregistered = true;
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Nothing more to release.
                }
            }
        }

        @Override
        public void interest(int op, boolean on) {
            interestOps(on ? wanted | op : wanted & ~op);
        }

        @Override
        public void interestOps(int ops) {
            wanted = ops;
            if (key != null && key.isValid()) {
                key.interestOps(ops);
            }
        }

        @Override
        public void handler(Handler handler) {
            this.handler = handler;
        }

        @Override
        public boolean isValid() {
            return key != null ? key.isValid() : !unregistered;
        }
    }
}
