package dev.mvmqtt.reports;

import dev.mvmqtt.tck.Asserts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The kit's identity for the report: its version and a SHA-256 checksum of the TCK that ran (the TCK jar, or the TCK
 * classes directory when running from a build tree), so a reader can tell exactly which kit issued a report.
 *
 * @param version    the kit's version
 * @param checksum   {@code sha256:<hex>}, or {@code unknown} when the TCK's location cannot be read
 * @param checksumOf what was hashed: {@code jar <file name>}, {@code classes directory}, or {@code unknown}
 */
public record KitInfo(String version, String checksum, String checksumOf) {
    private static final String TCK_POM_PROPERTIES = "META-INF/maven/dev.mvmqtt/mvmqtt-tck/pom.properties";
    private static final String BUILD_PROPERTIES = "/dev/mvmqtt/reports/kit.properties";

    /** The kit this code belongs to. */
    public static KitInfo detect() {
        return of(Asserts.class);
    }

    /** The kit that holds {@code tckClass}. */
    static KitInfo of(Class<?> tckClass) {
        Path location = location(tckClass);
        String version = version(tckClass, location);
        if (location == null) {
            return new KitInfo(version, "unknown", "unknown");
        }
        try {
            if (Files.isDirectory(location)) {
                return new KitInfo(version, "sha256:" + hashDirectory(location), "classes directory");
            }
            return new KitInfo(version, "sha256:" + hashFile(location), "jar " + location.getFileName());
        } catch (IOException e) {
            return new KitInfo(version, "unknown", "unreadable: " + e.getClass().getSimpleName());
        }
    }

    private static Path location(Class<?> c) {
        try {
            URL url = c.getProtectionDomain().getCodeSource().getLocation();
            return url == null ? null : Path.of(url.toURI());
        } catch (SecurityException | URISyntaxException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String version(Class<?> c, Path location) {
        Package p = c.getPackage();
        if (p != null && p.getImplementationVersion() != null) {
            return p.getImplementationVersion();
        }
        if (location != null) {
            try {
                if (Files.isRegularFile(location)) {
                    try (JarFile jar = new JarFile(location.toFile())) {
                        var entry = jar.getEntry(TCK_POM_PROPERTIES);
                        if (entry != null) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                String v = load(in).getProperty("version");
                                if (v != null) {
                                    return v;
                                }
                            }
                        }
                    }
                } else if (Files.isRegularFile(location.resolve(TCK_POM_PROPERTIES))) {
                    try (InputStream in = Files.newInputStream(location.resolve(TCK_POM_PROPERTIES))) {
                        String v = load(in).getProperty("version");
                        if (v != null) {
                            return v;
                        }
                    }
                }
            } catch (IOException ignored) {
                // fall through to the version this module was built with
            }
        }
        try (InputStream in = KitInfo.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                String v = load(in).getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown";
    }

    private static Properties load(InputStream in) throws IOException {
        Properties props = new Properties();
        props.load(in);
        return props;
    }

    static String hashFile(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 over every regular file below {@code dir}, in path order: relative path, NUL, content hash, newline. */
    static String hashDirectory(Path dir) throws IOException {
        MessageDigest digest = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            digest.update(rel.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(hashFile(f).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 unavailable", e));
        }
    }
}
