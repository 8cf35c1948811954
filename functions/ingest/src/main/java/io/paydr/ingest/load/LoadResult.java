package io.paydr.ingest.load;

import io.paydr.aws.DataApiException;
import java.util.List;
import java.util.Set;

/**
 * What a load achieved: the units committed, the units that failed (each with the error that failed it), the rows
 * that became current in target tables, the versions newly kept in conflicts tables, how many transactions it took
 * (1 unless a failure was bisected or the load was too large for one batch), and the ledger rows each committed
 * transaction found for its payloads' identities and keys before it wrote its own.
 */
public record LoadResult(List<LoadUnit> committed, List<Failure> failed, long rowsInserted, long conflictsRecorded,
                         int transactions, List<Loader.Loaded> knownLedgerRows, Set<String> loadedBefore) {
    public record Failure(LoadUnit unit, DataApiException error) {
        /** The load's own proof failed: the staged rows were not the verified ones (a staged object changed). */
        public boolean stagedRowsDiffer() {
            return error.kind() == DataApiException.Kind.STATEMENT_FAILED
                    && String.valueOf(error.getMessage()).contains(LoadSqlBuilder.CHECK_COLUMN);
        }
    }

    public LoadResult {
        committed = List.copyOf(committed);
        failed = List.copyOf(failed);
        knownLedgerRows = List.copyOf(knownLedgerRows);
        loadedBefore = Set.copyOf(loadedBefore);
    }

    /** Whether the committed unit had loaded before: its identity was in the ledger when its own transaction began. */
    public boolean loadedBefore(LoadUnit unit) {
        return loadedBefore.contains(unit.identity());
    }

    /**
     * Rows staged by the committed units that loaded now (their record counts), of which {@link #rowsInserted()}
     * became current. A unit loaded before merged as a no-op: its rows are not duplicates of this load.
     */
    public long rowsStaged() {
        return committed.stream().filter(unit -> !loadedBefore(unit)).mapToLong(LoadUnit::stagedRows).sum();
    }

    public long duplicateRowsSkipped() {
        return Math.max(0, rowsStaged() - rowsInserted());
    }
}
