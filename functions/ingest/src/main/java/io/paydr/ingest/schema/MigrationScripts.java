package io.paydr.ingest.schema;

import io.paydr.aws.TableName;
import io.paydr.contract.RecordDigestSql;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration scripts bundled in {@code db/migration/} (listed in {@code index.txt}, named
 * {@code V<n>__<description>.sql}), with the configured table names substituted for {@code ${payments_table}} and
 * {@code ${ledger_table}}, and {@code ${row_sha256}} for the SQL of a row's digest ({@link RecordDigestSql}). Scripts hold plain DDL separated by semicolons; lines starting with {@code --} are comments.
 */
public final class MigrationScripts {
    private static final String DIRECTORY = "db/migration/";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    private MigrationScripts() {
    }

    /** All bundled migrations in version order, rendered for the given tables. */
    public static List<Migration> bundled(TableName paymentsTable, TableName ledgerTable) {
        Map<String, String> placeholders = Map.of("${payments_table}", paymentsTable.qualified(),
                "${ledger_table}", ledgerTable.qualified(), "${row_sha256}", RecordDigestSql.rowSha256(""));
        List<Migration> migrations = new ArrayList<>();
        for (String file : resource(DIRECTORY + "index.txt").lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            migrations.add(parse(file, resource(DIRECTORY + file), placeholders));
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("migration versions must run 1, 2, 3... without gaps");
            }
        }
        return migrations;
    }

    static Migration parse(String fileName, String script, Map<String, String> placeholders) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalStateException("migration file " + fileName + " is not named V<n>__<description>.sql");
        }
        String rendered = script;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            rendered = rendered.replace(p.getKey(), p.getValue());
        }
        String withoutComments = rendered.lines().filter(line -> !line.trim().startsWith("--"))
                .reduce("", (a, b) -> a + b + "\n");
        List<String> statements = Arrays.stream(withoutComments.split(";"))
                .map(s -> s.trim().replaceAll("\\s+", " ")).filter(s -> !s.isEmpty()).toList();
        if (statements.stream().anyMatch(s -> s.contains("${"))) {
            throw new IllegalStateException("migration " + fileName + " has an unknown placeholder");
        }
        return new Migration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), statements);
    }

    private static String resource(String path) {
        try (InputStream in = MigrationScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
