package io.paydr.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.faults.Service;
import io.paydr.devstack.redshift.RedshiftDataServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ActiveWaitingRequestsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The runner against devstack's Data API: long polling makes a statement that ends within the wait cost two calls,
 * a refused wait falls back to plain polling, and a poll that fails does not abandon a statement that keeps running.
 * The SDK's own retries are off so each failed call reaches the executor.
 */
class DataApiExecutorDevstackTest {
    private static final Devstack DEVSTACK = Devstack.shared();
    private static final RedshiftTarget TARGET = RedshiftTarget.workgroup("paydr-us-east-1", "payments",
            "arn:aws:secretsmanager:us-east-1:000000000000:secret:paydr");
    private static final List<String> SLOW_BATCH = List.of("SELECT pg_sleep(0.3)", "SELECT 1");
    private static final RedshiftDataClient CLIENT = DEVSTACK.redshiftDataBuilder(DevRegion.PRIMARY)
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();

    @AfterEach
    void clearFaults() {
        DEVSTACK.faults().clear();
    }

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    @Test
    void aBatchThatEndsWithinTheWaitCostsTwoCallsAndNoPolls() {
        AtomicInteger sleeps = new AtomicInteger();
        DataApiExecutor executor = new DataApiExecutor(CLIENT, TARGET, PollPolicy.DEFAULT, wait -> sleeps.incrementAndGet());

        StatementResult result = executor.executeBatch(SLOW_BATCH, Deadline.after(Duration.ofSeconds(30)));

        assertEquals(2, result.resultRows().size());
        assertEquals(Map.of("BatchExecuteStatement", 1L, "DescribeStatement", 1L), executor.callsByOperation());
        assertEquals(0, sleeps.get());
        assertEquals(List.of(List.of("1")), executor.rowsOf(result.statementId() + ":2"), "the SELECT's rows, read by sub-statement id");
    }

    @Test
    void aQueryCostsTwoCallsAndAFailedStatementNamesItsError() {
        DataApiExecutor executor = new DataApiExecutor(CLIENT, TARGET);

        assertEquals(List.of(List.of("42")), executor.query("SELECT :n::int", Map.of("n", "42"),
                Deadline.after(Duration.ofSeconds(30))));
        assertEquals(Map.of("ExecuteStatement", 1L, "GetStatementResult", 1L), executor.callsByOperation());

        DataApiException failed = assertThrows(DataApiException.class, () -> executor.executeBatch(
                List.of("SELECT 1", "SELECT no_such_column FROM pg_class"), Deadline.after(Duration.ofSeconds(30))));
        assertEquals(DataApiException.Kind.STATEMENT_FAILED, failed.kind());
        assertTrue(failed.getMessage().contains("no_such_column"), failed.getMessage());
    }

    @Test
    void aStatementLongerThanTheWaitIsAwaitedWithLongPollsNotSleeps() {
        AtomicInteger sleeps = new AtomicInteger();
        DataApiExecutor executor = new DataApiExecutor(CLIENT, TARGET, PollPolicy.DEFAULT, 1, wait -> sleeps.incrementAndGet());

        executor.executeBatch(List.of("SELECT pg_sleep(2.5)"), Deadline.after(Duration.ofSeconds(30)));

        long describes = executor.callsByOperation().get("DescribeStatement");
        assertTrue(describes >= 2 && describes <= 4, "about one 1 s long poll per second: " + executor.callsByOperation());
        assertEquals(0, sleeps.get());
    }

    @Test
    void aRefusedWaitFallsBackToPlainPollingAndStillSeesTheBatchEnd() {
        Faults faults = new Faults();
        try (S3Client s3 = DEVSTACK.s3(DevRegion.PRIMARY);
             RedshiftDataServer oneWaiter = RedshiftDataServer.builder().region(DevRegion.PRIMARY)
                     .jdbcUrl(DEVSTACK.jdbcUrl(DevRegion.PRIMARY)).s3(s3).faults(faults).maxWaitingRequests(1).start();
             RedshiftDataClient rival = DEVSTACK.redshiftDataBuilder(DevRegion.PRIMARY)
                     .endpointOverride(oneWaiter.endpoint()).build();
             RedshiftDataClient client = DEVSTACK.redshiftDataBuilder(DevRegion.PRIMARY)
                     .endpointOverride(oneWaiter.endpoint())
                     .overrideConfiguration(o -> o.addExecutionInterceptor(new TakeTheOnlyWaitingPlace(rival)))
                     .build()) {
            AtomicInteger sleeps = new AtomicInteger();
            DataApiExecutor executor = new DataApiExecutor(client, TARGET, PollPolicy.DEFAULT, 1, wait -> {
                sleeps.incrementAndGet();
                Thread.sleep(wait.toMillis());
            });

            StatementResult result = executor.executeBatch(List.of("SELECT pg_sleep(5)", "SELECT 1"),
                    Deadline.after(Duration.ofSeconds(30)));

            assertEquals(2, result.resultRows().size());
            assertTrue(executor.refusedWaits() >= 1, "the wait was refused");
            assertTrue(sleeps.get() >= 1, "then it polled with backoff");
        }
    }

    /**
     * Before the executor's first DescribeStatement long poll, a rival takes the statement's only waiting place and
     * holds it until the statement ends, so that long poll is refused.
     */
    private static final class TakeTheOnlyWaitingPlace implements ExecutionInterceptor {
        private final RedshiftDataClient rival;
        private final AtomicBoolean done = new AtomicBoolean();

        TakeTheOnlyWaitingPlace(RedshiftDataClient rival) {
            this.rival = rival;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof DescribeStatementRequest r && r.waitTimeSeconds() != null
                    && done.compareAndSet(false, true)) {
                CompletableFuture.runAsync(() -> holdWhileRunning(r.id()));
                // once a probe is refused the place is the rival's (the probe asks one at a time)
                while (!refused(r.id())) {
                    Thread.onSpinWait();
                }
            }
        }

        private void holdWhileRunning(String id) {
            while (true) {
                try {
                    rival.describeStatement(b -> b.id(id).waitTimeSeconds(20));
                    return;
                } catch (ActiveWaitingRequestsExceededException e) {
                    // the probe holds it for a moment: ask again
                }
            }
        }

        private boolean refused(String id) {
            try {
                rival.describeStatement(b -> b.id(id).waitTimeSeconds(1));
                return false;
            } catch (ActiveWaitingRequestsExceededException e) {
                return true;
            }
        }
    }

    @Test
    void throttledPollsWhileTheBatchRunsStillSeeItFinish() {
        AtomicInteger sleeps = new AtomicInteger();
        DataApiExecutor executor = plainPolling(wait -> {
            int n = sleeps.incrementAndGet();
            if (n == 1) {
                throttleDataApi(true);
            } else if (n == 4) {
                throttleDataApi(false);
            }
            Thread.sleep(wait.toMillis());
        });

        StatementResult result = executor.executeBatch(SLOW_BATCH, Deadline.after(Duration.ofSeconds(30)));

        assertEquals(2, result.resultRows().size());
        assertTrue(sleeps.get() >= 4, "polls 2 to 4 ran throttled (sleeps: " + sleeps.get() + ")");
        assertTrue(executor.callsByOperation().get("DescribeStatement") >= 5, executor.callsByOperation().toString());
    }

    @Test
    void pollsThrottledUntilTheDeadlineGiveUpAsTransient() {
        // a deadline too close for a long poll: the runner polls plainly, and cancels when the time is up
        DataApiExecutor executor = new DataApiExecutor(CLIENT, TARGET, PollPolicy.backoff(Duration.ofMillis(5),
                Duration.ofMillis(250)), wait -> {
            throttleDataApi(true);
            Thread.sleep(wait.toMillis());
        });

        DataApiException e = assertThrows(DataApiException.class,
                () -> executor.executeBatch(SLOW_BATCH, Deadline.after(Duration.ofMillis(150))));

        assertEquals(DataApiException.Kind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("when the time budget ran out"), e.getMessage());
    }

    private static DataApiExecutor plainPolling(DataApiExecutor.Sleeper sleeper) {
        return new DataApiExecutor(CLIENT, TARGET, PollPolicy.backoff(Duration.ofMillis(5), Duration.ofMillis(250)), 0,
                sleeper);
    }

    private static void throttleDataApi(boolean on) {
        DEVSTACK.faults().set(Service.REDSHIFT_DATA, DevRegion.PRIMARY, on ? FaultSpec.throttling(1.0) : FaultSpec.NONE);
    }
}
