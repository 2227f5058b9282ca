/**
 * The broker profile: what a broker did where MQTT lets brokers differ (PUBACK code with no subscribers, granted
 * QoS, session persistence, zero-length client ids, retained delivery, wills after a graceful DISCONNECT, session
 * takeover), observed by the kit's own MQTT client, with no implementation under test.
 */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.tck.profile;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
