/** The device under test as the TCK drives it: firmware steps over the Microvisor API. Internal to the kit. */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.tck.device;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
