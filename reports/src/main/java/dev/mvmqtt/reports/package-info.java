/** The compliance report and the certify command. The types a certifier may use are marked {@code @API(status = EXPERIMENTAL)}; the rest is internal to the kit. */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.reports;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
