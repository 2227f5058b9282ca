/**
 * The broker profile: what a broker did where MQTT lets brokers differ (PUBACK code with no subscribers, granted
 * QoS, session persistence, zero-length client ids, retained delivery, session takeover), observed by the kit's own
 * MQTT client, with no implementation under test.
 */
package dev.mvmqtt.tck.profile;
