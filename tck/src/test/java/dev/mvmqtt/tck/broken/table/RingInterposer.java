package dev.mvmqtt.tck.broken.table;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.notify.IrqHandler;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Stands between the reference's notification rings and the application's, for the breaks of the record rules:
 * the reference writes into a private ring per centre and pends the irq on this object, which copies each record
 * into the application's ring through {@code rewrite} (in order, slot after slot) and then calls the application's
 * handler, or calls the handler first when {@code irqFirst} (the record is not yet visible when it runs).
 */
final class RingInterposer {
    private final Microvisor delegate;
    private final UnaryOperator<NotificationRecord> rewrite;
    private final boolean irqFirst;
    private final Map<Integer, IrqHandler> appHandlers = new ConcurrentHashMap<>();
    private final Map<Integer, Centre> centres = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, ByteBuffer> ownRings = new IdentityHashMap<>();

    private static final class Centre {
        final int irq;
        final ByteBuffer app;
        final ByteBuffer own;
        final int slots;
        int ownNext;
        int appNext;

        Centre(int irq, ByteBuffer app, ByteBuffer own, int size) {
            this.irq = irq;
            this.app = app;
            this.own = own;
            this.slots = size / NotificationRecord.SIZE;
        }
    }

    RingInterposer(Microvisor delegate, UnaryOperator<NotificationRecord> rewrite, boolean irqFirst) {
        this.delegate = delegate;
        this.rewrite = rewrite;
        this.irqFirst = irqFirst;
    }

    /**
     * The three breaks of a record rule: setup and close go through private rings, irq handlers through the pump.
     */
    static List<Break> breaks(String rule, String breaks, UnaryOperator<NotificationRecord> rewrite, boolean irqFirst) {
        return List.of(
                new Break(
                        rule,
                        "mvSetupNotifications",
                        Breaks.ALWAYS,
                        c -> of(c, rewrite, irqFirst).setup(c),
                        breaks,
                        null),
                new Break(
                        rule,
                        "mvCloseNotifications",
                        Breaks.ALWAYS,
                        c -> of(c, rewrite, irqFirst).close(c),
                        breaks,
                        null),
                new Break(
                        rule,
                        "registerIrqHandler",
                        Breaks.ALWAYS,
                        c -> of(c, rewrite, irqFirst).register(c),
                        breaks,
                        null));
    }

    private static RingInterposer of(Call c, UnaryOperator<NotificationRecord> rewrite, boolean irqFirst) {
        return c.state().computeIfAbsent("rings", () -> new RingInterposer(c.device(), rewrite, irqFirst));
    }

    private Object setup(Call c) {
        MvNotificationSetup setup = c.arg(0);
        U32Ref handle = c.arg(1);
        if (setup == null || setup.buffer() == null || handle == null) {
            return c.proceed();
        }
        ByteBuffer own;
        synchronized (ownRings) {
            // the same application ring maps to the same private ring, so BUFFERALREADYINUSE still works
            own = ownRings.computeIfAbsent(setup.buffer(), b -> ByteBuffer.allocateDirect(b.capacity()));
        }
        MvStatus status =
                delegate.mvSetupNotifications(new MvNotificationSetup(setup.irq(), own, setup.bufferSize()), handle);
        if (status == MvStatus.OKAY) {
            centres.put(handle.get(), new Centre(setup.irq(), setup.buffer(), own, setup.bufferSize()));
            delegate.registerIrqHandler(setup.irq(), this::pump);
        }
        return status;
    }

    private Object close(Call c) {
        U32Ref handle = c.arg(0);
        int h = handle == null ? 0 : handle.get();
        Object status = c.proceed();
        if (status == MvStatus.OKAY) {
            centres.remove(h);
        }
        return status;
    }

    private Object register(Call c) {
        int irq = c.arg(0);
        IrqHandler handler = c.arg(1);
        if (handler == null) {
            appHandlers.remove(irq);
        } else {
            appHandlers.put(irq, handler);
        }
        delegate.registerIrqHandler(irq, this::pump);
        return null;
    }

    private void pump(int irq) {
        IrqHandler handler = appHandlers.get(irq);
        if (irqFirst && handler != null) {
            handler.onIrq(irq);
        }
        for (Centre c : centres.values()) {
            if (c.irq != irq) {
                continue;
            }
            synchronized (c) {
                while (true) {
                    int from = c.ownNext * NotificationRecord.SIZE;
                    NotificationRecord r = NotificationRecord.readFrom(c.own, from);
                    if (r.eventType() == 0) {
                        break;
                    }
                    NotificationRecord.clearAt(c.own, from);
                    c.ownNext = (c.ownNext + 1) % c.slots;
                    rewrite.apply(r).writeTo(c.app, c.appNext * NotificationRecord.SIZE);
                    c.appNext = (c.appNext + 1) % c.slots;
                }
            }
        }
        if (!irqFirst && handler != null) {
            handler.onIrq(irq);
        }
    }
}
