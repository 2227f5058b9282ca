/** Reads the rule catalogue ({@code spec/catalogue.json}) for the kit. The catalogue file is the published form; these types are internal to the kit. */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.spec.catalogue;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
