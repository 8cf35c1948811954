package io.paydr.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Service;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

/**
 * A poll that fails does not abandon a statement that keeps running: DescribeStatement throttled by devstack between
 * the submission and the end of a batch. The SDK's own retries are off so each throttled poll reaches the executor.
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
    void throttledPollsWhileTheBatchRunsStillSeeItFinish() {
        AtomicInteger sleeps = new AtomicInteger();
        DataApiExecutor executor = executor(wait -> {
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
        DataApiExecutor executor = executor(wait -> {
            throttleDataApi(true);
            Thread.sleep(wait.toMillis());
        });

        DataApiException e = assertThrows(DataApiException.class,
                () -> executor.executeBatch(SLOW_BATCH, Deadline.after(Duration.ofMillis(150))));

        assertEquals(DataApiException.Kind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("when the time budget ran out"), e.getMessage());
    }

    private static DataApiExecutor executor(DataApiExecutor.Sleeper sleeper) {
        return new DataApiExecutor(CLIENT, TARGET, PollPolicy.DEFAULT, sleeper);
    }

    private static void throttleDataApi(boolean on) {
        DEVSTACK.faults().set(Service.REDSHIFT_DATA, DevRegion.PRIMARY, on ? FaultSpec.throttling(1.0) : FaultSpec.NONE);
    }
}
