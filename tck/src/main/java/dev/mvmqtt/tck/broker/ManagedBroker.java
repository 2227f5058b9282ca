package dev.mvmqtt.tck.broker;

/** A broker the pool started and must stop. */
interface ManagedBroker extends AutoCloseable {
    /** Where it listens. */
    RunningBroker endpoint();

    /** Stops it and removes its files; idempotent; never throws. */
    @Override
    void close();
}
