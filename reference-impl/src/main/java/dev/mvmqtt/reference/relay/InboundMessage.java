package dev.mvmqtt.reference.relay;

/**
 * A message the broker delivered. {@code acknowledge} sends the PUBACK for a QoS 1 message (it does
 * nothing for QoS 0); the device calls it only when the application acknowledges.
 */
public record InboundMessage(byte[] topic, byte[] payload, int qos, boolean retain, Runnable acknowledge) {}
