package dev.mvmqtt.tck.broker;

/** The HiveMQ CE {@code config.xml} of the TCK: a plain listener, a TLS listener and an expired-certificate TLS listener. */
final class HiveMqConfig {
    private HiveMqConfig() {}

    /**
     * @param bind            bind address of every listener
     * @param keyStore        PKCS#12 key store with the server certificate
     * @param expiredKeyStore PKCS#12 key store with the expired server certificate
     * @param trustStore      PKCS#12 trust store with the CA (client certificates are optional)
     * @param password        password of all three stores and of the keys
     */
    static String xml(
            String bind,
            int plainPort,
            int tlsPort,
            int expiredTlsPort,
            String keyStore,
            String expiredKeyStore,
            String trustStore,
            String password) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>plain</name>
                        </tcp-listener>
                %s
                %s
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>1000</max-queue-size>
                        </queued-messages>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(
                        plainPort,
                        bind,
                        tlsListener("tls", bind, tlsPort, keyStore, trustStore, password),
                        tlsListener("tls-expired", bind, expiredTlsPort, expiredKeyStore, trustStore, password));
    }

    private static String tlsListener(
            String name, String bind, int port, String keyStore, String trustStore, String password) {
        return """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>%s</name>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <truststore>
                                    <path>%s</path>
                                    <password>%s</password>
                                </truststore>
                                <client-authentication-mode>OPTIONAL</client-authentication-mode>
                            </tls>
                        </tls-tcp-listener>""".formatted(
                        port, bind, name, xmlEscape(keyStore), password, password, xmlEscape(trustStore), password);
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
