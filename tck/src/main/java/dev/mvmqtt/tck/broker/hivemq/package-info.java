/** The HiveMQ extension that gives the TCK's HiveMQ brokers username/password authentication. Internal. */
package dev.mvmqtt.tck.broker.hivemq;
