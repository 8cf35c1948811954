package io.paydr.devstack.redshift;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ActiveStatementsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.RedshiftDataException;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The redshift warehouse profile through the Data API over a socket: the account's request-rate quota answers
 * ThrottlingException exactly as AWS's JSON protocol does, statements last their modelled time, COPY its fixed cost
 * plus its cost per MB, commits of writing transactions queue one at a time, writes into one table wait for the
 * transaction that wrote it before them, WLM slots queue statements, and the
 * active-statement limit comes from the profile. Costs are shortened with {@link WarehouseProfile#with} so the tests
 * stay quick; the figures themselves are the file's.
 */
class DataApiWarehouseProfileTest {

    static final String BUCKET = "redshift-profile-test";
    static S3Client s3;

    @BeforeAll
    static void bucket() {
        s3 = TestWarehouse.s3();
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    /** The redshift profile with zero costs except those a test names. */
    private static WarehouseProfile quick() {
        return WarehouseProfile.redshift().with("statement.fixedMillis", 0).with("copy.fixedMillis", 0)
                .with("copy.millisPerMb", 0).with("commit.millis", 0);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Test
    void theRedshiftProfileHasEveryCostAndQuotaAndTheFastOneNone() {
        WarehouseProfile redshift = WarehouseProfile.redshift();
        assertTrue(redshift.modelsRedshift());
        assertEquals(100.0, redshift.ratePerSecond("DescribeStatement"));
        assertTrue(redshift.commitMillis() > 0 && redshift.copyFixedMillis() > 0 && redshift.statementFixedMillis() > 0);
        redshift.parameters().keySet().forEach(p -> assertTrue(!redshift.sources().get(p).isBlank(), p + " has a source"));
        WarehouseProfile fast = WarehouseProfile.fast();
        assertTrue(!fast.modelsRedshift() && fast.ratedOperations().isEmpty() && fast.commitMillis() == 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WarehouseProfile.named("slow"));
        assertTrue(e.getMessage().contains("fast") && e.getMessage().contains("redshift"), e.getMessage());
    }

    @Test
    void requestsBeyondTheAccountsRateAreThrottledAsAwsSendsIt() {
        try (TestWarehouse wh = TestWarehouse.start(b -> b.profile(quick().with("dataApi.rate.DescribeStatement", 2)))) {
            String id = wh.submit("SELECT 1");
            RedshiftDataException throttled = null;
            for (int i = 0; i < 10 && throttled == null; i++) {
                try {
                    wh.client.describeStatement(b -> b.id(id));
                } catch (RedshiftDataException e) {
                    throttled = e;
                }
            }
            assertTrue(throttled != null, "ten calls in a burst exceed 2 per second");
            assertEquals(400, throttled.statusCode());
            assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
            assertEquals("Rate exceeded", throttled.awsErrorDetails().errorMessage());
            assertTrue(throttled.isThrottlingException(), "the SDK recognises it and retries it with backoff");
            DataApiStats stats = wh.server.stats();
            assertTrue(stats.throttled("DescribeStatement") >= 1, stats.toString());
            assertEquals(0, stats.throttled("ExecuteStatement"), "each operation has its own quota");

            // the SDK's jittered backoff may retry sooner than the bucket refills (one token per 0.5 s here): wait
            // out one refill, so the check is of the quota's recovery, not of the jitter
            sleepMillis(600);
            try (RedshiftDataClient retrying = TestWarehouse.clientWithSdkRetries(wh)) {
                assertEquals(StatusString.FINISHED, retrying.describeStatement(b -> b.id(id)).status(),
                        "the quota refills: the call gets through");
            }
        }
    }

    @Test
    void aStatementLastsAtLeastItsFixedCost() {
        try (TestWarehouse wh = TestWarehouse.start(b -> b.profile(quick().with("statement.fixedMillis", 300)))) {
            DescribeStatementResponse d = wh.ok("SELECT 1");
            assertTrue(d.duration() >= TimeUnit.MILLISECONDS.toNanos(290), "Duration " + d.duration() + " ns");
        }
    }

    @Test
    void aCopyCostsItsFixedTimePlusItsMegabytes() {
        String key = "profile-" + UUID.randomUUID() + ".json";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            lines.append("{\"id\":").append(i).append(",\"note\":\"").append("x".repeat(180)).append("\"}\n");
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
        double mb = bytes.length / 1_000_000.0;
        try (TestWarehouse wh = TestWarehouse.start(b -> b.profile(quick().with("copy.fixedMillis", 200)
                .with("copy.millisPerMb", 300)))) {
            String table = "profile_copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            wh.ok("CREATE TABLE " + table + " (id BIGINT, note VARCHAR(256))");
            long started = System.nanoTime();
            DescribeStatementResponse d = wh.ok("COPY " + table + " FROM 's3://" + BUCKET + "/" + key
                    + "' IAM_ROLE default FORMAT AS JSON 'auto'");
            long expected = 200 + Math.round(300 * mb);
            assertEquals(5_000, d.resultRows());
            assertTrue(d.duration() >= TimeUnit.MILLISECONDS.toNanos(expected - 10),
                    "COPY of " + mb + " MB: Duration " + d.duration() / 1_000_000 + " ms, modelled " + expected + " ms");
            assertTrue(millisSince(started) >= expected - 10);
        }
    }

    @Test
    void commitsOfWritingTransactionsQueueOneAtATimeAndReadsDoNotCommit() throws Exception {
        try (TestWarehouse wh = TestWarehouse.start(b -> b.profile(quick().with("commit.millis", 400)))) {
            // two tables, so that the tables' write locks do not order the transactions: only the commit queue does
            String table = "profile_commit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            wh.ok("CREATE TABLE " + table + " (id BIGINT)");
            wh.ok("CREATE TABLE " + table + "_b (id BIGINT)");
            DataApiStats before = wh.server.stats();
            long started = System.nanoTime();
            String a = wh.batch(List.of("INSERT INTO " + table + " VALUES (1)"));
            String b = wh.batch(List.of("INSERT INTO " + table + "_b VALUES (2)"));
            assertEquals(StatusString.FINISHED, wh.awaitFinal(a).status());
            assertEquals(StatusString.FINISHED, wh.awaitFinal(b).status());
            long took = millisSince(started);
            DataApiStats during = wh.server.stats().since(before);

            assertTrue(took >= 790, "two 400 ms commits, one after the other: " + took + " ms");
            assertEquals(2, during.commits());
            assertTrue(during.commitWaitMillis() >= 300, "the second waited for the first: " + during);

            wh.ok("SELECT count(*) FROM " + table);
            assertEquals(2, wh.server.stats().since(before).commits(), "a read-only statement does not commit");
        }
    }

    @Test
    void writesToOneTableWaitForTheWriterBeforeThemAndReadsDoNot() throws Exception {
        try (TestWarehouse wh = TestWarehouse.start(b -> b.profile(quick()))) {
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            String table = "profile_write_" + suffix;
            String other = "profile_other_" + suffix;
            wh.ok("CREATE TABLE " + table + " (id BIGINT)");
            wh.ok("CREATE TABLE " + other + " (id BIGINT)");
            // the first transaction writes, then holds its write lock for a while before it commits
            String first = wh.batch(List.of("INSERT INTO " + table + " VALUES (1)", "SELECT pg_sleep(2)"));
            wh.awaitStatus(first, StatusString.STARTED);
            Thread.sleep(150);

            String second = wh.batch(List.of("INSERT INTO " + table + " VALUES (2)"));
            String elsewhere = wh.batch(List.of("INSERT INTO " + other + " VALUES (3)"));
            String read = wh.submit("SELECT count(*) FROM " + table);
            assertEquals(StatusString.FINISHED, wh.awaitFinal(read).status());
            assertEquals(StatusString.FINISHED, wh.awaitFinal(elsewhere).status());
            assertEquals(StatusString.STARTED, wh.client.describeStatement(r -> r.id(first)).status(),
                    "a read of the table and a write to another table did not wait for the first transaction");
            assertEquals(StatusString.STARTED, wh.client.describeStatement(r -> r.id(second)).status(),
                    "the second write into the table waits while the first transaction holds it");
            assertEquals(StatusString.FINISHED, wh.awaitFinal(first).status());
            assertEquals(StatusString.FINISHED, wh.awaitFinal(second).status(), "and goes on once it committed");
        }
    }

    @Test
    void statementsBeyondTheWlmSlotsWaitSubmitted() {
        try (TestWarehouse wh = TestWarehouse.start(b -> b.profile(quick().with("wlm.slots", 1)))) {
            String first = wh.submit("SELECT pg_sleep(1)");
            wh.awaitStatus(first, StatusString.STARTED);
            String second = wh.submit("SELECT 2");
            assertEquals(StatusString.SUBMITTED, wh.client.describeStatement(r -> r.id(second)).status(),
                    "one slot, taken: the second statement queues");
            assertEquals(StatusString.FINISHED, wh.awaitFinal(second).status());
            assertEquals(StatusString.FINISHED, wh.client.describeStatement(r -> r.id(first)).status(),
                    "it ran after the first");
        }
    }

    @Test
    void theActiveStatementLimitComesFromTheProfile() {
        try (TestWarehouse wh = TestWarehouse.start(b -> b.profile(quick().with("dataApi.maxActiveStatements", 1)))) {
            String running = wh.submit("SELECT pg_sleep(30)");
            try {
                assertThrows(ActiveStatementsExceededException.class, () -> wh.submit("SELECT 1"));
            } finally {
                wh.client.cancelStatement(r -> r.id(running));
            }
        }
    }
}
