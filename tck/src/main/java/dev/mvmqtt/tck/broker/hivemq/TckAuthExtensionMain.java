package dev.mvmqtt.tck.broker.hivemq;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;

/**
 * HiveMQ extension that installs {@link TckAuthenticator}. Embedded, it is constructed with the credentials; in a
 * container, HiveMQ constructs it without arguments and it reads {@value #CREDENTIALS_FILE} (properties
 * {@code username}, {@code password}) from the extension's home folder.
 *
 * <p>Internal to the TCK; public because HiveMQ loads it. It depends only on the extension SDK and the JDK.
 */
public final class TckAuthExtensionMain implements ExtensionMain {
    /** Extension id. */
    public static final String ID = "mvmqtt-tck-auth";
    /** Extension name. */
    public static final String NAME = "mvmqtt TCK authentication";
    /** The credentials file in the extension home folder (container only). */
    public static final String CREDENTIALS_FILE = "credentials.properties";

    private String username;
    private String password;

    /** Reads the credentials from the extension home folder when started. */
    public TckAuthExtensionMain() {}

    /** Uses these credentials. */
    public TckAuthExtensionMain(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        if (username == null) {
            File file = new File(input.getExtensionInformation().getExtensionHomeFolder(), CREDENTIALS_FILE);
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                output.preventExtensionStartup("cannot read " + file + ": " + e.getMessage());
                return;
            }
            username = p.getProperty("username");
            password = p.getProperty("password");
            if (username == null || password == null) {
                output.preventExtensionStartup(file + " must hold username and password");
                return;
            }
        }
        TckAuthenticator authenticator = new TckAuthenticator(username, password);
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}
}
