/**
 * The broker matrix. A {@link dev.mvmqtt.tck.broker.TargetId} names one cell (broker family, MQTT version,
 * transport); {@link dev.mvmqtt.tck.broker.BrokerPool} brings up one broker per family, once per run (HiveMQ CE
 * embedded and the native {@code mosquitto}, or Testcontainers where Docker answers), answers a
 * {@link dev.mvmqtt.tck.broker.TargetStatus} per target (a {@link dev.mvmqtt.tck.broker.RunningBroker} or the reason
 * it is unavailable), and stops everything at the end of the launcher session.
 */
package dev.mvmqtt.tck.broker;
