package io.paydr.ops.internal;

import io.paydr.ops.OpsException;
import io.paydr.ops.WarehouseTarget;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ActiveStatementsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs read-only statements on one warehouse through the Redshift Data API: submit, poll DescribeStatement with
 * exponential backoff, then page through GetStatementResult. Statements are asynchronous, so callers may submit on
 * both warehouses first and await afterwards; the two run side by side.
 */
public final class DataApi {

    // gentle growth: a doubling backoff would oversleep a statement that ends just after a poll by up to 100 %
    private static final Duration FIRST_POLL = Duration.ofMillis(10);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final int SUBMIT_ATTEMPTS = 8;

    private final RedshiftDataClient client;
    private final WarehouseTarget target;
    private final Duration timeout;

    public DataApi(RedshiftDataClient client, WarehouseTarget target, Duration timeout) {
        this.client = client;
        this.target = target;
        this.timeout = timeout;
    }

    public WarehouseTarget target() {
        return target;
    }

    /** Submits a statement with named parameters and returns its id without waiting. */
    public String submit(String sql, Map<String, String> parameters) {
        ExecuteStatementRequest request = request(sql, parameters);
        Duration pause = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            try {
                return client.executeStatement(request).id();
            } catch (ActiveStatementsExceededException e) {
                // 200 active statements per cluster: wait for others to finish rather than fail the whole run
                if (attempt == SUBMIT_ATTEMPTS) {
                    throw new OpsException(target + ": too many active statements, gave up after " + attempt
                            + " attempts", e);
                }
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** Waits for the statement to finish and returns all its rows (every page). */
    public List<List<Field>> await(String statementId) {
        waitUntilFinished(statementId);
        List<List<Field>> rows = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetStatementResultResponse result = client.getStatementResult(b -> b.id(statementId).nextToken(page));
            rows.addAll(result.records());
            token = result.nextToken();
        } while (token != null && !token.isEmpty());
        return rows;
    }

    public List<List<Field>> query(String sql, Map<String, String> parameters) {
        return await(submit(sql, parameters));
    }

    private void waitUntilFinished(String statementId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_POLL;
        while (true) {
            DescribeStatementResponse d = client.describeStatement(b -> b.id(statementId));
            switch (d.status()) {
                case FINISHED:
                    return;
                case FAILED:
                case ABORTED:
                    throw new OpsException(target + ": statement " + statementId + " " + d.statusAsString()
                            + ": " + d.error());
                default:
                    break;
            }
            if (System.nanoTime() > deadline) {
                client.cancelStatement(b -> b.id(statementId));
                throw new OpsException(target + ": statement " + statementId + " did not finish within " + timeout
                        + " and was cancelled");
            }
            sleep(pause);
            Duration next = pause.multipliedBy(3).dividedBy(2);
            pause = next.compareTo(MAX_POLL) > 0 ? MAX_POLL : next;
        }
    }

    private ExecuteStatementRequest request(String sql, Map<String, String> parameters) {
        ExecuteStatementRequest.Builder b = ExecuteStatementRequest.builder().sql(sql).database(target.database());
        if (target.kind() == WarehouseTarget.Kind.WORKGROUP) {
            b.workgroupName(target.name());
        } else {
            b.clusterIdentifier(target.name());
        }
        if (target.secretArn() != null) {
            b.secretArn(target.secretArn());
        }
        if (target.dbUser() != null) {
            b.dbUser(target.dbUser());
        }
        if (!parameters.isEmpty()) {
            b.parameters(parameters.entrySet().stream()
                    .map(p -> SqlParameter.builder().name(p.getKey()).value(p.getValue()).build())
                    .toList());
        }
        return b.build();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while waiting for the Data API", e);
        }
    }

    /** A BIGINT column: longValue, or the string form some engines use for wide integers. */
    public static long longOf(Field f) {
        if (f.longValue() != null) {
            return f.longValue();
        }
        if (f.stringValue() != null) {
            return Long.parseLong(f.stringValue().strip());
        }
        if (Boolean.TRUE.equals(f.isNull())) {
            return 0L;
        }
        throw new OpsException("expected an integer column, got " + f);
    }

    public static String stringOf(Field f) {
        if (f.stringValue() != null) {
            return f.stringValue();
        }
        throw new OpsException("expected a string column, got " + f);
    }
}
