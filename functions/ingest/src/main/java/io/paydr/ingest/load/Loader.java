package io.paydr.ingest.load;

import io.paydr.aws.DataApiException;
import io.paydr.aws.Deadline;
import io.paydr.aws.SqlRunner;
import io.paydr.aws.StatementResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads units in as few Data API transactions as possible: all of them in one BatchExecuteStatement when they fit.
 * When a statement fails, the units are split in halves and each half is tried on its own, down to the single unit
 * that fails: every other unit commits, the culprit is reported, and nothing is ever half-loaded because each
 * attempt is one transaction. Transient and permanent API errors are not bisected: they would hit every half.
 */
public final class Loader {
    /** Keys per ledger lookup: keeps the query text and its parameter list small. */
    private static final int LOOKUP_CHUNK = 100;

    private final SqlRunner executor;
    private final LoadSqlBuilder sql;
    private final Clock clock;

    public Loader(SqlRunner executor, LoadSqlBuilder sql, Clock clock) {
        this.executor = executor;
        this.sql = sql;
        this.clock = clock;
    }

    /** The subset of the payload keys already recorded in the ledger. */
    public Set<String> alreadyLoaded(Collection<String> payloadKeys, Deadline deadline) {
        List<String> keys = new ArrayList<>(new HashSet<>(payloadKeys));
        Set<String> loaded = new HashSet<>();
        for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK));
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                parameters.put("k" + i, chunk.get(i));
            }
            executor.query(sql.ledgerLookup(chunk.size()), parameters, deadline).forEach(row -> loaded.add(row.get(0)));
        }
        return loaded;
    }

    public LoadResult load(List<LoadUnit> units, Deadline deadline) {
        Accumulator result = new Accumulator();
        if (!units.isEmpty()) {
            loadAll(units, deadline, result);
        }
        return new LoadResult(result.committed, result.failed, result.rowsInserted, result.transactions);
    }

    private void loadAll(List<LoadUnit> units, Deadline deadline, Accumulator result) {
        LoadTransaction tx = sql.build(units, clock.instant());
        if (!tx.fitsOneBatch()) {
            if (units.size() == 1) {
                result.fail(units, new DataApiException(DataApiException.Kind.PERMANENT, "one payload needs "
                        + tx.statements().size() + " statements, more than a batch takes; lower COPY_THRESHOLD_BYTES"));
            } else {
                bisect(units, deadline, result);
            }
            return;
        }
        if (deadline.isExpired()) {
            result.fail(units, new DataApiException(DataApiException.Kind.TRANSIENT, "no time left to load"));
            return;
        }
        try {
            result.transactions++;
            StatementResult finished = executor.executeBatch(tx.statements(), deadline);
            result.committed.addAll(units);
            result.rowsInserted += tx.rowsInserted(finished);
        } catch (DataApiException e) {
            if (e.kind() == DataApiException.Kind.STATEMENT_FAILED && units.size() > 1) {
                bisect(units, deadline, result);
            } else {
                result.fail(units, e);
            }
        }
    }

    private void bisect(List<LoadUnit> units, Deadline deadline, Accumulator result) {
        int half = units.size() / 2;
        loadAll(units.subList(0, half), deadline, result);
        loadAll(units.subList(half, units.size()), deadline, result);
    }

    private static final class Accumulator {
        final List<LoadUnit> committed = new ArrayList<>();
        final List<LoadResult.Failure> failed = new ArrayList<>();
        long rowsInserted;
        int transactions;

        void fail(List<LoadUnit> units, DataApiException error) {
            units.forEach(unit -> failed.add(new LoadResult.Failure(unit, error)));
        }
    }
}
