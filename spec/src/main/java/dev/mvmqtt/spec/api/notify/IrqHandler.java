package dev.mvmqtt.spec.api.notify;

/**
 * The application's interrupt service routine for one irq number: the Java stand-in for an entry of
 * the NVIC vector table. An implementation calls it after it has written a notification record into
 * the ring of a centre set up with that irq ("pends the IRQ").
 *
 * <p>It may be called on any thread; it should do little more than wake the application.
 */
@FunctionalInterface
public interface IrqHandler {
    void onIrq(int irq);
}
