package dev.mvmqtt.spec.api;

/**
 * The device's network link as a test drives it: down makes {@code mvOpenChannel} answer
 * NETWORKNOTCONNECTED and notifies NETWORKSTATUSCHANGED to every requested network; up restores it.
 * Not a header call: an optional capability of an implementation ({@link Microvisor#networkLink()}).
 */
public interface NetworkLink {
    /** Takes the link down (the device loses connectivity). */
    void down();

    /** Brings the link back up. */
    void up();

    boolean isUp();
}
