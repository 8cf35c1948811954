package io.paydr.ops.internal;

import io.paydr.aws.DataApiException;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import io.paydr.aws.PollPolicy;
import io.paydr.ops.OpsException;
import io.paydr.ops.WarehouseTarget;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ActiveStatementsExceededException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs read-only statements on one warehouse through the shared Data API runner ({@link DataApiExecutor}: backoff,
 * error classes, a throttled poll that asks again, cancellation at the deadline). Statements are asynchronous, so
 * callers may submit on both warehouses first and await afterwards; the two run side by side.
 */
public final class Warehouse {

    // gentle growth: a doubling backoff would oversleep a statement that ends just after a poll by up to 100 %
    private static final PollPolicy POLL = new PollPolicy(Duration.ofMillis(10), 1.5, Duration.ofSeconds(1));
    private static final int SUBMIT_ATTEMPTS = 8;

    private final DataApiExecutor executor;
    private final WarehouseTarget target;
    private final Duration timeout;

    public Warehouse(RedshiftDataClient client, WarehouseTarget target, Duration timeout) {
        this.executor = new DataApiExecutor(client, target.redshiftTarget(), POLL);
        this.target = target;
        this.timeout = timeout;
    }

    public WarehouseTarget target() {
        return target;
    }

    /** Submits a statement with named parameters and returns its id without waiting. */
    public String submit(String sql, Map<String, String> parameters) {
        Duration pause = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            try {
                return executor.submit(sql, parameters);
            } catch (DataApiException e) {
                // 200 active statements per cluster: the statement was refused, not run, so waiting for others to
                // finish and submitting again is safe; anything else fails the run
                if (!(e.getCause() instanceof ActiveStatementsExceededException) || attempt == SUBMIT_ATTEMPTS) {
                    throw new OpsException(target + ": " + e.getMessage(), e);
                }
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** Waits for the statement to finish (cancelling it after the timeout) and returns all its rows. */
    public List<List<String>> await(String statementId) {
        try {
            return executor.fetch(statementId, Deadline.after(timeout));
        } catch (DataApiException e) {
            throw new OpsException(target + ": " + e.getMessage(), e);
        }
    }

    public List<List<String>> query(String sql, Map<String, String> parameters) {
        return await(submit(sql, parameters));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while waiting for the Data API", e);
        }
    }

    /** A BIGINT column (SQL NULL counts as 0: SUM over no rows). */
    public static long longOf(String field) {
        if (field == null) {
            return 0L;
        }
        try {
            return Long.parseLong(field.strip());
        } catch (NumberFormatException e) {
            throw new OpsException("expected an integer column, got '" + field + "'");
        }
    }

    public static String stringOf(String field) {
        if (field != null) {
            return field;
        }
        throw new OpsException("expected a string column, got NULL");
    }
}
