package io.paydr.ingest.schema;

import io.paydr.aws.TableName;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import io.paydr.ingest.load.SqlLiteral;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies pending schema versions through the Data API and records each in a version table. Each version runs
 * in one transaction together with its version row, so a version is either fully applied and recorded or not at
 * all; the version table is locked first, so two operators running the command at once cannot both apply it.
 */
public final class SchemaMigrator {
    private final DataApiExecutor executor;
    private final TableName versionTable;
    private final List<Migration> migrations;
    private final Clock clock;

    public SchemaMigrator(DataApiExecutor executor, TableName versionTable, List<Migration> migrations, Clock clock) {
        this.executor = executor;
        this.versionTable = versionTable;
        this.migrations = List.copyOf(migrations);
        this.clock = clock;
    }

    /** Versions already recorded in the version table (creating the table on first use). */
    public Set<Integer> appliedVersions(Deadline deadline) {
        executor.execute("CREATE TABLE IF NOT EXISTS " + versionTable.qualified() + " (version INTEGER NOT NULL,"
                + " description VARCHAR(256) NOT NULL, applied_at TIMESTAMP NOT NULL)", Map.of(), deadline);
        Set<Integer> applied = new TreeSet<>();
        for (List<String> row : executor.query("SELECT version FROM " + versionTable.qualified(), Map.of(), deadline)) {
            applied.add(Integer.parseInt(row.get(0)));
        }
        return applied;
    }

    public List<Migration> pending(Deadline deadline) {
        Set<Integer> applied = appliedVersions(deadline);
        return migrations.stream().filter(m -> !applied.contains(m.version())).toList();
    }

    /** Applies every pending version in order; returns those applied. */
    public List<Migration> migrate(Deadline deadline) {
        List<Migration> applied = new ArrayList<>();
        for (Migration migration : pending(deadline)) {
            executor.executeBatch(transaction(migration), deadline);
            applied.add(migration);
        }
        return applied;
    }

    List<String> transaction(Migration migration) {
        List<String> statements = new ArrayList<>();
        statements.add("LOCK " + versionTable.qualified());
        statements.addAll(migration.statements());
        statements.add("INSERT INTO " + versionTable.qualified() + " (version, description, applied_at) VALUES ("
                + migration.version() + ", " + SqlLiteral.string(migration.description()) + ", "
                + SqlLiteral.timestamp(clock.instant()) + ")");
        return statements;
    }
}
