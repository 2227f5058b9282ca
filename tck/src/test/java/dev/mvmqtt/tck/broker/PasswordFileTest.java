package dev.mvmqtt.tck.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local brokers' passwords stay off every process command line, and the wrong password is unrelated to the real one. */
class PasswordFileTest {
    @TempDir
    Path tmp;

    @Test
    void thePasswordFileIsWrittenByTheKitForItsOwnerOnly() throws Exception {
        // Before issue 12 this ran mosquitto_passwd -b FILE USER PASSWORD when the tool was installed: the password
        // was on a command line. Now the kit writes the PBKDF2-SHA512 line itself and runs nothing.
        Credentials c = new Credentials("argv-check", "s3cret-not-on-argv");
        Path file = tmp.resolve("passwords");
        Files.writeString(file, "left over by an earlier run");

        MosquittoProcess.writePasswordFile(file, c);

        assertThat(Files.readAllLines(file))
                .singleElement()
                .asString()
                .matches("argv-check:\\$7\\$101\\$[A-Za-z0-9+/=]{16}\\$[A-Za-z0-9+/=]{88}")
                .doesNotContain(c.password());
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void theWrongPasswordIsUnrelatedToTheRealOne() {
        Credentials c = new Credentials("u", "the-real-one");
        String wrong = c.wrongPassword();
        assertThat(wrong)
                .isNotEqualTo(c.password())
                .doesNotContain(c.password())
                .isNotEmpty();
        assertThat(c.password()).doesNotContain(wrong);
        assertThat(c.wrongPassword()).as("stable per credentials").isEqualTo(wrong);
        Credentials local = Credentials.local();
        assertThat(local.wrongPassword()).doesNotContain(local.password());
    }
}
