package io.paydr.ingest.load;

import static io.paydr.ingest.load.LoadSqlBuilderTest.LEDGER;
import static io.paydr.ingest.load.LoadSqlBuilderTest.PAYMENTS;
import static io.paydr.ingest.load.LoadSqlBuilderTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.aws.DataApiException;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.DataApiException.Kind;
import io.paydr.aws.Deadline;
import io.paydr.aws.SqlRunner;
import io.paydr.aws.StatementResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The loader's bisection and chunking, over a scripted warehouse (the Data API path is in the integration tests). */
class LoaderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC);

    /** Fails any batch whose SQL mentions a poisoned merchant; counts what it runs. */
    private static final class ScriptedWarehouse implements SqlRunner {
        final List<List<String>> batches = new ArrayList<>();
        final List<String> resultsRead = new ArrayList<>();
        Kind failure = Kind.STATEMENT_FAILED;
        /** Ledger rows (identity, key, bucket) the transactions' ledger SELECT finds. */
        List<List<String>> ledger = List.of();

        @Override
        public StatementResult executeBatch(List<String> statements, Deadline deadline) {
            batches.add(statements);
            if (statements.stream().anyMatch(s -> s.contains("POISON"))) {
                throw new DataApiException(failure, "statement failed");
            }
            return new StatementResult("batch-" + batches.size(), statements.stream()
                    .map(s -> s.startsWith("SELECT") ? (long) ledger.size() : 1L).toList());
        }

        @Override
        public List<List<String>> query(String sql, Map<String, String> parameters, Deadline deadline) {
            throw new AssertionError("the loader runs no query of its own: the ledger check is inside the batch");
        }

        @Override
        public List<List<String>> rowsOf(String statementId) {
            resultsRead.add(statementId);
            return ledger;
        }
    }

    /** Records the manifests the loader writes before it submits a transaction. */
    private static final class RecordingStore implements ObjectStore {
        final List<String> keys = new ArrayList<>();

        @Override
        public String bucket() {
            return "paydr-staging";
        }

        @Override
        public void put(String key, byte[] content, String contentType) {
            keys.add(key);
        }
    }

    private final ScriptedWarehouse warehouse = new ScriptedWarehouse();
    private final RecordingStore store = new RecordingStore();
    private final Loader loader = new Loader(warehouse, new LoadSqlBuilder(LEDGER, "default", "paydr-staging"), store,
            CLOCK);

    private static String identity(int i) {
        return String.format("%064x", i);
    }

    private static List<LoadUnit> units(int count, int poisoned) {
        return IntStream.range(0, count).mapToObj(i -> LoadUnit.rows(PAYMENTS,
                new LedgerEntry(identity(i), "inline/p" + i, null, "b" + i, 1, "msg-" + i),
                List.of(payment("t-" + i, i == poisoned ? "POISON" : "m")))).toList();
    }

    private static Deadline plenty() {
        return Deadline.after(Duration.ofMinutes(1));
    }

    @Test
    void goodUnitsLoadInOneTransaction() {
        LoadResult result = loader.load(units(10, -1), plenty());

        assertEquals(10, result.committed().size());
        assertTrue(result.failed().isEmpty());
        assertEquals(1, result.transactions());
        assertEquals(1, warehouse.batches.size());
    }

    @Test
    void aFailingStatementIsBisectedDownToItsPayload() {
        List<LoadUnit> units = units(8, 5);

        LoadResult result = loader.load(units, plenty());

        assertEquals(List.of(units.get(5)), result.failed().stream().map(LoadResult.Failure::unit).toList());
        assertEquals(7, result.committed().size());
        assertTrue(result.committed().stream().noneMatch(u -> u == units.get(5)));
        // [0..7] fails, [0..3] commits, [4..7] fails, [4,5] fails, [4] commits, [5] fails, [6,7] commits
        assertEquals(7, result.transactions());
    }

    @Test
    void transientErrorsAreNotBisected() {
        warehouse.failure = Kind.TRANSIENT;

        LoadResult result = loader.load(units(8, 2), plenty());

        assertEquals(8, result.failed().size());
        assertEquals(1, warehouse.batches.size());
        assertTrue(result.failed().stream().allMatch(f -> f.error().isTransient()));
    }

    @Test
    void aLoadTooLargeForOneBatchIsSplitWithoutAFailedAttempt() {
        Loader small = new Loader(warehouse, new LoadSqlBuilder(LEDGER, "default", "paydr-staging", 1_000), store,
                CLOCK);
        List<LoadUnit> units = IntStream.range(0, 4).mapToObj(p -> LoadUnit.rows(PAYMENTS,
                new LedgerEntry(identity(p), "inline/p" + p, null, "b", 60, "m"),
                IntStream.range(0, 60).mapToObj(i -> payment("t-" + p + "-" + i, "m")).toList())).toList();

        LoadResult result = small.load(units, plenty());

        assertEquals(4, result.committed().size());
        assertTrue(warehouse.batches.size() > 1);
        warehouse.batches.forEach(b -> assertTrue(b.size() <= DataApiExecutor.MAX_BATCH_STATEMENTS));
    }

    @Test
    void anExpiredDeadlineFailsTransientlyWithoutRunningAnything() {
        LoadResult result = loader.load(units(3, -1), Deadline.after(Duration.ZERO));

        assertEquals(3, result.failed().size());
        assertTrue(result.failed().get(0).error().isTransient());
        assertTrue(warehouse.batches.isEmpty());
    }

    @Test
    void theLedgerRowsFoundInsideTheTransactionAreReadOnlyWhenThereAreAny() {
        LoadResult fresh = loader.load(units(3, -1), plenty());

        assertEquals(3, fresh.committed().size());
        assertTrue(warehouse.resultsRead.isEmpty(), "no row found, no GetStatementResult");
        assertTrue(fresh.committed().stream().noneMatch(fresh::loadedBefore));

        warehouse.ledger = List.of(List.of(identity(1), "inline/p1", "b"));
        LoadResult again = loader.load(units(3, -1), plenty());

        int select = warehouse.batches.get(1).indexOf(warehouse.batches.get(1).stream()
                .filter(s -> s.startsWith("SELECT")).findFirst().orElseThrow());
        assertEquals(List.of("batch-2:" + (select + 1)), warehouse.resultsRead, "read by the SELECT's sub-statement id");
        assertEquals(List.of(false, true, false), again.committed().stream().map(again::loadedBefore).toList());
        assertEquals(2, again.rowsStaged(), "the unit loaded before stages no duplicates of its own rows");
    }

    @Test
    void aManifestIsWrittenBeforeTheTransactionThatCopiesIt() {
        LoadUnit staged = LoadUnit.staged(PAYMENTS, new LedgerEntry(identity(1), "payments/k", "b", "b1", 10, "m"),
                new StagedObject("paydr-staging", "staging/" + identity(1) + ".jsonl", "c".repeat(64)));

        LoadResult result = loader.load(List.of(staged), plenty());

        assertEquals(1, result.committed().size());
        assertEquals(1, store.keys.size());
        String copy = warehouse.batches.get(0).stream().filter(s -> s.startsWith("COPY")).findFirst().orElseThrow();
        assertTrue(copy.contains("s3://paydr-staging/" + store.keys.get(0)), copy);
    }
}
