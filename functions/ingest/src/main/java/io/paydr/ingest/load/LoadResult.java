package io.paydr.ingest.load;

import io.paydr.aws.DataApiException;
import java.util.List;

/**
 * What a load achieved: the units committed, the units that failed (each with the error that failed it), the rows
 * that became current in target tables, the versions newly kept in conflicts tables, and how many transactions it
 * took (1 unless a failure was bisected or the load was too large for one batch).
 */
public record LoadResult(List<LoadUnit> committed, List<Failure> failed, long rowsInserted, long conflictsRecorded,
                         int transactions) {
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
    }

    /** Rows staged by the committed units (their record counts), of which {@link #rowsInserted()} became current. */
    public long rowsStaged() {
        return committed.stream().mapToLong(LoadUnit::stagedRows).sum();
    }

    public long duplicateRowsSkipped() {
        return Math.max(0, rowsStaged() - rowsInserted());
    }
}
