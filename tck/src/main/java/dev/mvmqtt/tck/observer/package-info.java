/** The observer: an independent MQTT client that tests use as the broker-side truth. */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.tck.observer;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
