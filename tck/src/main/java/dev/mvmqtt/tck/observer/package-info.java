/** The observer: an independent MQTT client that tests use as the broker-side truth. */
package dev.mvmqtt.tck.observer;
