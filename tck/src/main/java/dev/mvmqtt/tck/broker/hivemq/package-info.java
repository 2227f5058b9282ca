/** The HiveMQ extension that gives the TCK's HiveMQ brokers username/password authentication. Internal. */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.tck.broker.hivemq;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
