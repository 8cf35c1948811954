package io.paydr.ingest.load;

import io.paydr.aws.DataApiException;
import io.paydr.aws.Deadline;
import io.paydr.aws.SqlRunner;
import io.paydr.aws.StatementResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads units in as few Data API transactions as possible: all of them in one BatchExecuteStatement when they fit,
 * with the ledger check inside it (so a load that ends within the long-poll wait costs two Data API calls).
 * When a statement fails, the units are split in halves and each half is tried on its own, down to the single unit
 * that fails: every other unit commits, the culprit is reported, and nothing is ever half-loaded because each
 * attempt is one transaction. Transient and permanent API errors are not bisected: they would hit every half.
 */
public final class Loader {
    private final SqlRunner executor;
    private final LoadSqlBuilder sql;
    private final ObjectStore manifests;
    private final Clock clock;

    public Loader(SqlRunner executor, LoadSqlBuilder sql, ObjectStore manifests, Clock clock) {
        this.executor = executor;
        this.sql = sql;
        this.manifests = manifests;
        this.clock = clock;
    }

    /** A ledger row: a loaded payload's identity, and the key and bucket it was loaded from. */
    public record Loaded(String payloadSha256, String payloadKey, String bucket) {
    }

    public LoadResult load(List<LoadUnit> units, Deadline deadline) {
        return load(units, Map.of(), deadline);
    }

    /**
     * Loads the units and reports, from inside each committed transaction, the ledger rows that were there before
     * it: which units were loaded before (their merge was a no-op) and which keys were known with other content.
     *
     * @param keysByIdentity every key each unit's payload arrived under (besides its ledger key), whose ledger rows
     *                       are reported too
     */
    public LoadResult load(List<LoadUnit> units, Map<String, Set<String>> keysByIdentity, Deadline deadline) {
        Accumulator result = new Accumulator();
        if (!units.isEmpty()) {
            loadAll(units, keysByIdentity, deadline, result);
        }
        return new LoadResult(result.committed, result.failed, result.rowsInserted, result.conflictsRecorded,
                result.transactions, result.known, result.loadedBefore);
    }

    private void loadAll(List<LoadUnit> units, Map<String, Set<String>> keysByIdentity, Deadline deadline,
                         Accumulator result) {
        Set<String> otherKeys = new TreeSet<>();
        units.forEach(unit -> otherKeys.addAll(keysByIdentity.getOrDefault(unit.identity(), Set.of())));
        LoadTransaction tx = sql.build(units, otherKeys, clock.instant());
        if (!tx.fitsOneBatch()) {
            if (units.size() == 1) {
                result.fail(units, new DataApiException(DataApiException.Kind.PERMANENT, "one payload needs "
                        + tx.statements().size() + " statements, more than a batch takes; lower COPY_THRESHOLD_BYTES"));
            } else {
                bisect(units, keysByIdentity, deadline, result);
            }
            return;
        }
        if (deadline.isExpired()) {
            result.fail(units, new DataApiException(DataApiException.Kind.TRANSIENT, "no time left to load"));
            return;
        }
        try {
            tx.manifests().forEach((key, json) ->
                    manifests.put(key, json.getBytes(StandardCharsets.UTF_8), "application/json"));
            result.transactions++;
            StatementResult finished = executor.executeBatch(tx.statements(), deadline);
            result.committed.addAll(units);
            result.rowsInserted += tx.rowsInserted(finished);
            result.conflictsRecorded += tx.conflictsRecorded(finished);
            List<Loaded> known = knownLedgerRows(tx, finished);
            result.known.addAll(known);
            // loaded before means: in the ledger when this unit's own transaction began (not by an earlier half)
            units.stream().map(LoadUnit::identity)
                    .filter(id -> known.stream().anyMatch(row -> row.payloadSha256().equals(id)))
                    .forEach(result.loadedBefore::add);
        } catch (DataApiException e) {
            if (e.kind() == DataApiException.Kind.STATEMENT_FAILED && units.size() > 1) {
                bisect(units, keysByIdentity, deadline, result);
            } else {
                result.fail(units, e);
            }
        }
    }

    /**
     * The rows of the transaction's ledger SELECT. Usually it found none, which its row count in the batch's
     * description says, so the common load costs no call for them. The transaction has committed: a failure to read
     * them must not send its messages back, so it leaves them unreported (the load is correct either way; only the
     * already-loaded figure and the reused-key warning would miss them).
     */
    private List<Loaded> knownLedgerRows(LoadTransaction tx, StatementResult finished) {
        if (finished.rows(tx.knownLedgerRows()) == 0) {
            return List.of();
        }
        try {
            return executor.rowsOf(tx.knownLedgerRowsId(finished)).stream()
                    .map(row -> new Loaded(row.get(0), row.get(1), row.get(2))).toList();
        } catch (DataApiException e) {
            return List.of();
        }
    }

    private void bisect(List<LoadUnit> units, Map<String, Set<String>> keysByIdentity, Deadline deadline,
                        Accumulator result) {
        int half = units.size() / 2;
        loadAll(units.subList(0, half), keysByIdentity, deadline, result);
        loadAll(units.subList(half, units.size()), keysByIdentity, deadline, result);
    }

    private static final class Accumulator {
        final List<LoadUnit> committed = new ArrayList<>();
        final List<LoadResult.Failure> failed = new ArrayList<>();
        final List<Loaded> known = new ArrayList<>();
        final Set<String> loadedBefore = new HashSet<>();
        long rowsInserted;
        long conflictsRecorded;
        int transactions;

        void fail(List<LoadUnit> units, DataApiException error) {
            units.forEach(unit -> failed.add(new LoadResult.Failure(unit, error)));
        }
    }
}
