package io.paydr.ingest.load;

import io.paydr.aws.DataApiException;
import java.util.List;

/**
 * What a load achieved: the units committed, the units that failed (each with the error that failed it), the rows
 * inserted into target tables, and how many transactions it took (1 unless a failure was bisected or the load was
 * too large for one batch).
 */
public record LoadResult(List<LoadUnit> committed, List<Failure> failed, long rowsInserted, int transactions) {
    public record Failure(LoadUnit unit, DataApiException error) {
    }

    public LoadResult {
        committed = List.copyOf(committed);
        failed = List.copyOf(failed);
    }

    /** Rows staged by the committed units (their record counts), of which {@link #rowsInserted()} were new. */
    public long rowsStaged() {
        return committed.stream().mapToLong(LoadUnit::stagedRows).sum();
    }

    public long duplicateRowsSkipped() {
        return rowsStaged() - rowsInserted();
    }
}
