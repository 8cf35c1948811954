package io.paydr.devstack.redshift;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.ActiveWaitingRequestsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.ResourceNotFoundException;
import software.amazon.awssdk.services.redshiftdata.model.StatementStatusString;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long polling as AWS documents it ("Reduce API calls with long polling", Redshift Management Guide): with
 * WaitTimeSeconds (1-30) ExecuteStatement, BatchExecuteStatement, DescribeStatement and GetStatementResult answer
 * when the statement ends or the wait runs out, whichever comes first; an ended statement answers at once; too many
 * waiting requests on one statement get ActiveWaitingRequestsExceededException.
 */
class DataApiLongPollingTest {

    static TestWarehouse wh;

    @BeforeAll
    static void start() {
        wh = TestWarehouse.start(b -> b.maxWaitingRequests(2));
    }

    @AfterAll
    static void stop() {
        wh.close();
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Test
    void executeStatementWaitsForTheEndAndAnswersStatusPidAndResultSet() {
        long started = System.nanoTime();
        ExecuteStatementResponse r = wh.client.executeStatement(wh.statement("SELECT pg_sleep(0.3), 42 AS answer")
                .waitTimeSeconds(20).build());
        long took = millisSince(started);

        assertEquals(StatementStatusString.FINISHED, r.status());
        assertTrue(r.redshiftPid() > 0, "the session's pid: " + r.redshiftPid());
        assertTrue(r.hasResultSet());
        assertTrue(took >= 250 && took < 10_000, "answered when the statement ended, not at the wait's end: " + took + " ms");
    }

    @Test
    void aStatementStillRunningWhenTheWaitRunsOutAnswersItsCurrentStatus() {
        long started = System.nanoTime();
        ExecuteStatementResponse r = wh.client.executeStatement(wh.statement("SELECT pg_sleep(30)").waitTimeSeconds(1).build());
        long took = millisSince(started);
        try {
            assertTrue(r.status() == StatementStatusString.STARTED || r.status() == StatementStatusString.SUBMITTED,
                    "in progress: " + r.status());
            assertTrue(took >= 950 && took < 5_000, "waited the full second: " + took + " ms");

            long describeStarted = System.nanoTime();
            DescribeStatementResponse d = wh.client.describeStatement(b -> b.id(r.id()).waitTimeSeconds(1));
            assertEquals(StatusString.STARTED, d.status());
            assertTrue(millisSince(describeStarted) >= 950, "DescribeStatement waited too");
        } finally {
            wh.client.cancelStatement(b -> b.id(r.id()));
        }
    }

    @Test
    void describeStatementAnswersAsSoonAsTheStatementEnds() {
        String id = wh.submit("SELECT pg_sleep(0.4)");
        long started = System.nanoTime();
        DescribeStatementResponse d = wh.client.describeStatement(b -> b.id(id).waitTimeSeconds(25));
        long took = millisSince(started);

        assertEquals(StatusString.FINISHED, d.status());
        assertTrue(took < 10_000, "did not wait out the 25 s: " + took + " ms");

        long again = System.nanoTime();
        assertEquals(StatusString.FINISHED, wh.client.describeStatement(b -> b.id(id).waitTimeSeconds(25)).status());
        assertTrue(millisSince(again) < 2_000, "an ended statement answers at once");
    }

    @Test
    void describeStatementWaitsForAFailureToo() {
        String id = wh.submit("SELECT 1 / (0 * pg_sleep(0.2)::text::int)");
        DescribeStatementResponse d = wh.client.describeStatement(b -> b.id(id).waitTimeSeconds(20));
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("ERROR"), d.error());
    }

    @Test
    void getStatementResultWaitsAndFetchesInOneCall() {
        String id = wh.submit("SELECT x FROM generate_series(1, 3) x WHERE pg_sleep(0.1) IS NOT NULL");
        GetStatementResultResponse r = wh.client.getStatementResult(b -> b.id(id).waitTimeSeconds(20));
        assertEquals(List.of(1L, 2L, 3L), r.records().stream().map(f -> f.get(0).longValue()).toList());
    }

    @Test
    void getStatementResultOfAStatementStillRunningAfterTheWaitHasNoResult() {
        String id = wh.submit("SELECT pg_sleep(30)");
        try {
            assertThrows(ResourceNotFoundException.class, () -> wh.client.getStatementResult(b -> b.id(id).waitTimeSeconds(1)));
        } finally {
            wh.client.cancelStatement(b -> b.id(id));
        }
    }

    @Test
    void batchExecuteStatementWaitsAndSubStatementsCanBeAwaited() {
        BatchExecuteStatementResponse r = wh.client.batchExecuteStatement(b -> b.workgroupName(TestWarehouse.WORKGROUP)
                .database(TestWarehouse.DATABASE).sqls("SELECT pg_sleep(0.2)", "SELECT 7").waitTimeSeconds(20));
        assertEquals(StatementStatusString.FINISHED, r.status());
        assertTrue(r.hasResultSet());
        DescribeStatementResponse sub = wh.client.describeStatement(b -> b.id(r.id() + ":2").waitTimeSeconds(5));
        assertEquals(StatusString.FINISHED, sub.status());
        assertEquals(7L, wh.client.getStatementResult(b -> b.id(r.id() + ":2")).records().get(0).get(0).longValue());
    }

    @Test
    void tooManyWaitingRequestsOnOneStatementAreRefusedAndTheOthersStillAnswer() throws Exception {
        String id = wh.batch(List.of("SELECT pg_sleep(30)", "SELECT 1"));
        wh.awaitStatus(id, StatusString.STARTED);
        CompletableFuture<DescribeStatementResponse> first = CompletableFuture.supplyAsync(() -> waitOn(id));
        CompletableFuture<DescribeStatementResponse> second = CompletableFuture.supplyAsync(() -> waitOn(id + ":1"));
        try {
            // the probe is sequential, so once it is refused the two places are first's and second's
            waitUntil(() -> refusesAnotherWait(id));
            ActiveWaitingRequestsExceededException e = assertThrows(ActiveWaitingRequestsExceededException.class,
                    () -> wh.client.getStatementResult(b -> b.id(id + ":2").waitTimeSeconds(5)));
            assertEquals(400, e.statusCode());
            assertEquals(StatusString.STARTED, wh.client.describeStatement(b -> b.id(id)).status(),
                    "a request without WaitTimeSeconds is never refused");
        } finally {
            wh.client.cancelStatement(b -> b.id(id));
        }
        assertEquals(StatusString.ABORTED, first.get(20, TimeUnit.SECONDS).status());
        assertEquals(StatusString.ABORTED, second.get(20, TimeUnit.SECONDS).status());
        assertEquals(StatusString.ABORTED, wh.client.describeStatement(b -> b.id(id).waitTimeSeconds(1)).status(),
                "the waits ended with the statement and freed their places");
    }

    /** A long poll that retries while the probe below holds a place (the limit is per statement, not per caller). */
    private static DescribeStatementResponse waitOn(String id) {
        while (true) {
            try {
                return wh.client.describeStatement(b -> b.id(id).waitTimeSeconds(20));
            } catch (ActiveWaitingRequestsExceededException e) {
                TestWarehouse.sleepMillis(10);
            }
        }
    }

    private static boolean refusesAnotherWait(String id) {
        try {
            wh.client.describeStatement(b -> b.id(id).waitTimeSeconds(1));
            return false;
        } catch (ActiveWaitingRequestsExceededException e) {
            return true;
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 15 s");
            }
            TestWarehouse.sleepMillis(20);
        }
    }

    @Test
    void waitTimeSecondsOutsideOneToThirtyIsRefused() {
        ValidationException tooLong = assertThrows(ValidationException.class,
                () -> wh.client.executeStatement(wh.statement("SELECT 1").waitTimeSeconds(31).build()));
        assertTrue(tooLong.getMessage().contains("less than or equal to 30"), tooLong.getMessage());
        assertThrows(ValidationException.class, () -> wh.client.describeStatement(b -> b.id(wh.submit("SELECT 1"))
                .waitTimeSeconds(0)));
    }
}
