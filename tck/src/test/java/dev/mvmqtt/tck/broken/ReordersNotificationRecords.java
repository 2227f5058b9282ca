package dev.mvmqtt.tck.broken;

import dev.mvmqtt.spec.api.Microvisor;
import dev.mvmqtt.spec.api.U32Ref;
import dev.mvmqtt.spec.api.codes.MvStatus;
import dev.mvmqtt.spec.api.notify.IrqHandler;
import dev.mvmqtt.spec.api.notify.MvNotificationSetup;
import dev.mvmqtt.spec.api.notify.NotificationRecord;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records are not written in ring order. The reference writes into a private ring per centre; the wrapper copies
 * each record into the application's ring with slot pairs swapped (record 0 to slot 1, record 1 to slot 0, record 2
 * to slot 3, ...). It never overwrites an unread record and pends the application's irq after each copy, so only the
 * order is wrong.
 */
@Violation(
        rules = {"NOTIF-RING-1"},
        breaks = "records land in swapped slot pairs (first record in slot 1).")
public final class ReordersNotificationRecords implements BrokenProvider {
    @Override
    public String name() {
        return "broken-reorders-notification-records";
    }

    @Override
    public Microvisor wrap(Microvisor reference) {
        return new Reordering(reference);
    }

    private static final class Centre {
        final int irq;
        final ByteBuffer app;
        final ByteBuffer own;
        final int slots;
        int ownNext;
        int copied;

        Centre(int irq, ByteBuffer app, ByteBuffer own, int size) {
            this.irq = irq;
            this.app = app;
            this.own = own;
            this.slots = size / NotificationRecord.SIZE;
        }
    }

    private static final class Reordering extends DelegatingMicrovisor {
        private final Map<Integer, IrqHandler> appHandlers = new ConcurrentHashMap<>();
        private final Map<Integer, Centre> centres = new ConcurrentHashMap<>();
        private final Map<ByteBuffer, ByteBuffer> ownRings = new IdentityHashMap<>();

        Reordering(Microvisor delegate) {
            super(delegate);
        }

        @Override
        public void registerIrqHandler(int irq, IrqHandler handler) {
            if (handler == null) {
                appHandlers.remove(irq);
            } else {
                appHandlers.put(irq, handler);
            }
            delegate.registerIrqHandler(irq, this::pump);
        }

        @Override
        public MvStatus mvSetupNotifications(MvNotificationSetup setup, U32Ref handle) {
            if (setup == null || setup.buffer() == null) {
                return delegate.mvSetupNotifications(setup, handle);
            }
            ByteBuffer own;
            synchronized (ownRings) {
                // the same application ring maps to the same private ring, so BUFFERALREADYINUSE still works
                own = ownRings.computeIfAbsent(setup.buffer(), b -> ByteBuffer.allocateDirect(b.capacity()));
            }
            MvStatus status = delegate.mvSetupNotifications(
                    new MvNotificationSetup(setup.irq(), own, setup.bufferSize()), handle);
            if (status == MvStatus.OKAY) {
                centres.put(handle.get(), new Centre(setup.irq(), setup.buffer(), own, setup.bufferSize()));
                delegate.registerIrqHandler(setup.irq(), this::pump);
            }
            return status;
        }

        @Override
        public MvStatus mvCloseNotifications(U32Ref handle) {
            int h = handle == null ? 0 : handle.get();
            MvStatus status = delegate.mvCloseNotifications(handle);
            if (status == MvStatus.OKAY) {
                centres.remove(h);
            }
            return status;
        }

        private void pump(int irq) {
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
                        int k = c.copied % c.slots;
                        int slot = (k ^ 1) < c.slots ? k ^ 1 : k; // NOTIF-RING-1 broken: pairs swapped
                        int to = slot * NotificationRecord.SIZE;
                        if (NotificationRecord.readFrom(c.app, to).eventType() == 0) {
                            r.writeTo(c.app, to);
                            c.copied++;
                        }
                    }
                }
            }
            IrqHandler h = appHandlers.get(irq);
            if (h != null) {
                h.onIrq(irq);
            }
        }
    }
}
