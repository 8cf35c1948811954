package io.paydr.ingest.load;

import io.paydr.aws.DataApiException;
import io.paydr.aws.Deadline;
import io.paydr.aws.SqlRunner;
import io.paydr.aws.StatementResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Loads units in as few Data API transactions as possible: all of them in one BatchExecuteStatement when they fit.
 * When a statement fails, the units are split in halves and each half is tried on its own, down to the single unit
 * that fails: every other unit commits, the culprit is reported, and nothing is ever half-loaded because each
 * attempt is one transaction. Transient and permanent API errors are not bisected: they would hit every half.
 */
public final class Loader {
    /** Identities or keys per ledger lookup: keeps the query text and its parameter list small. */
    private static final int LOOKUP_CHUNK = 100;

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

    /** The ledger rows whose identity is one of {@code identities} or whose key is one of {@code keys}. */
    public List<Loaded> ledgerRows(Collection<String> identities, Collection<String> keys, Deadline deadline) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(identities));
        List<String> keyList = List.copyOf(new LinkedHashSet<>(keys));
        List<Loaded> found = new ArrayList<>();
        int chunks = Math.max(chunks(ids.size()), chunks(keyList.size()));
        for (int c = 0; c < chunks; c++) {
            List<String> idChunk = chunk(ids, c);
            List<String> keyChunk = chunk(keyList, c);
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < idChunk.size(); i++) {
                parameters.put("s" + i, idChunk.get(i));
            }
            for (int i = 0; i < keyChunk.size(); i++) {
                parameters.put("k" + i, keyChunk.get(i));
            }
            String query = idChunk.isEmpty() ? sql.ledgerLookupByKeys(keyChunk.size())
                    : sql.ledgerLookup(idChunk.size(), keyChunk.size());
            executor.query(query, parameters, deadline)
                    .forEach(row -> found.add(new Loaded(row.get(0), row.get(1), row.get(2))));
        }
        return found;
    }

    private static int chunks(int size) {
        return (size + LOOKUP_CHUNK - 1) / LOOKUP_CHUNK;
    }

    private static List<String> chunk(List<String> all, int index) {
        return all.subList(Math.min(all.size(), index * LOOKUP_CHUNK), Math.min(all.size(), (index + 1) * LOOKUP_CHUNK));
    }

    public LoadResult load(List<LoadUnit> units, Deadline deadline) {
        Accumulator result = new Accumulator();
        if (!units.isEmpty()) {
            loadAll(units, deadline, result);
        }
        return new LoadResult(result.committed, result.failed, result.rowsInserted, result.conflictsRecorded,
                result.transactions);
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
            tx.manifests().forEach((key, json) ->
                    manifests.put(key, json.getBytes(StandardCharsets.UTF_8), "application/json"));
            result.transactions++;
            StatementResult finished = executor.executeBatch(tx.statements(), deadline);
            result.committed.addAll(units);
            result.rowsInserted += tx.rowsInserted(finished);
            result.conflictsRecorded += tx.conflictsRecorded(finished);
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
        long conflictsRecorded;
        int transactions;

        void fail(List<LoadUnit> units, DataApiException error) {
            units.forEach(unit -> failed.add(new LoadResult.Failure(unit, error)));
        }
    }
}
