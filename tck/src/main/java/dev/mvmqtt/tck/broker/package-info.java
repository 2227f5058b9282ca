/**
 * The broker matrix brought up for a run: {@link dev.mvmqtt.tck.broker.BrokerPool} brings up one broker per family,
 * once per run (HiveMQ CE embedded and the native {@code mosquitto}, or Testcontainers where Docker answers), answers
 * a {@link dev.mvmqtt.tck.broker.TargetStatus} per {@link dev.mvmqtt.tck.target.TargetId} (a
 * {@link dev.mvmqtt.tck.broker.RunningBroker} or the reason it is unavailable), and stops everything at the end of the
 * launcher session.
 */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.tck.broker;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
