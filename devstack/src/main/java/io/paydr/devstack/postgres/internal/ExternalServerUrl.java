package io.paydr.devstack.postgres.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives per-database JDBC URLs from a server URL such as {@code jdbc:postgresql://host:5432/postgres?user=u}. */
public final class ExternalServerUrl {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?");

    private ExternalServerUrl() {
    }

    /** The same server, host, port and parameters, with the database replaced. */
    public static String withDatabase(String serverUrl, String database) {
        Matcher m = match(serverUrl);
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /** The URL without its query (which may carry a password), for error messages. */
    public static String withoutSecrets(String serverUrl) {
        Matcher m = URL.matcher(serverUrl);
        return m.matches() ? m.group(1) + (m.group(2) == null ? "" : m.group(2)) : "<unparseable JDBC URL>";
    }

    private static Matcher match(String serverUrl) {
        Matcher m = URL.matcher(serverUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/db"
                    + "?user=...&password=...): " + withoutSecrets(serverUrl));
        }
        return m;
    }
}
