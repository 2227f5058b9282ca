/** Part of the Microvisor API mirror (see {@link dev.mvmqtt.spec.api}). Stable. */
@API(status = STABLE, since = "0.1")
package dev.mvmqtt.spec.api.net;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
