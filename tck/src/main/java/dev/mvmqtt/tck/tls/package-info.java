/** TLS material generated at run time: CA, server, client, unrelated CA, expired server certificate. */
@API(status = INTERNAL, since = "0.1")
package dev.mvmqtt.tck.tls;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
