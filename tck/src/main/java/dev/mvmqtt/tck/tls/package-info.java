/** TLS material generated at run time: CA, server, client, unrelated CA, expired server certificate. */
package dev.mvmqtt.tck.tls;
