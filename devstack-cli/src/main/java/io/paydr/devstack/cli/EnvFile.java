package io.paydr.devstack.cli;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code KEY=value} file {@code devstack up} writes: the primary Region's standard SDK variables, then every
 * per-Region endpoint and JDBC URL with a Region suffix, then the control URL. Shell-sourceable.
 */
final class EnvFile {

    static final String CONTROL_URL = "DEVSTACK_CONTROL_URL";

    private EnvFile() {
    }

    static Map<String, String> entries(Devstack ds, URI controlUrl) {
        Map<String, String> env = new LinkedHashMap<>(ds.environment(DevRegion.PRIMARY));
        for (DevRegion r : DevRegion.values()) {
            String suffix = "_" + r.id().toUpperCase(Locale.ROOT).replace('-', '_');
            env.put("AWS_ENDPOINT_URL_SQS" + suffix, ds.sqsEndpoint(r).toString());
            env.put("AWS_ENDPOINT_URL_REDSHIFT_DATA" + suffix, ds.redshiftDataEndpoint(r).toString());
            env.put("DEVSTACK_JDBC_URL" + suffix, ds.jdbcUrl(r));
        }
        env.put(CONTROL_URL, controlUrl.toString());
        return env;
    }

    static void write(Path file, Map<String, String> entries) throws IOException {
        StringBuilder text = new StringBuilder("# written by 'devstack up' at " + Instant.now()
                + "; load with: set -a; . " + file + "; set +a\n");
        entries.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    static Optional<String> read(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Files.readAllLines(file).stream()
                .filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1))
                .reduce((first, last) -> last);
    }
}
