package dev.mvmqtt.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitInfoTest {
    @Test
    void detectsTheKitVersionAndChecksum() {
        KitInfo kit = KitInfo.detect();
        assertThat(kit.version()).isNotBlank().isNotEqualTo("unknown").doesNotContain("${");
        assertThat(kit.checksum()).matches("sha256:[0-9a-f]{64}");
        assertThat(kit.checksumOf()).matches("jar mvmqtt-tck-.*\\.jar|classes directory");
    }

    @Test
    void directoryChecksumIsStableAndFollowsContentAndNames(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/X.class"), "one");
        Files.writeString(dir.resolve("a/Y.class"), "two");
        String first = KitInfo.hashDirectory(dir);
        assertThat(KitInfo.hashDirectory(dir)).isEqualTo(first).hasSize(64);
        Files.writeString(dir.resolve("a/Y.class"), "changed");
        String second = KitInfo.hashDirectory(dir);
        assertThat(second).isNotEqualTo(first);
        Files.move(dir.resolve("a/Y.class"), dir.resolve("a/Z.class"));
        assertThat(KitInfo.hashDirectory(dir)).isNotEqualTo(second);
    }

    @Test
    void fileChecksumIsSha256(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("abc");
        Files.writeString(f, "abc");
        assertThat(KitInfo.hashFile(f)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
