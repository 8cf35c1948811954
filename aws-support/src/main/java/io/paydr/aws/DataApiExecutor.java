package io.paydr.aws;

import io.paydr.aws.internal.DataApiErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.SubStatementData;

/**
 * Runs SQL through the Redshift Data API: submits, polls DescribeStatement with backoff until the statement
 * finishes or the deadline passes (then cancels it), and maps failures to {@link DataApiException} kinds.
 * A batch runs as one transaction: all of it commits or none of it does.
 */
public final class DataApiExecutor implements SqlRunner {
    /** The Data API's limit on statements in one BatchExecuteStatement. */
    public static final int MAX_BATCH_STATEMENTS = 40;
    /** The Data API's limit on the SQL text of one statement (bytes). */
    public static final int MAX_SQL_BYTES = 100_000;

    /** Sleeps between polls; a seam so unit tests need not wait. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RedshiftDataClient client;
    private final RedshiftTarget target;
    private final PollPolicy poll;
    private final Sleeper sleeper;
    private final AtomicLong apiCalls = new AtomicLong();
    private final Map<String, AtomicLong> callsByOperation = new ConcurrentHashMap<>();

    public DataApiExecutor(RedshiftDataClient client, RedshiftTarget target, PollPolicy poll, Sleeper sleeper) {
        this.client = client;
        this.target = target;
        this.poll = poll;
        this.sleeper = sleeper;
    }

    public DataApiExecutor(RedshiftDataClient client, RedshiftTarget target, PollPolicy poll) {
        this(client, target, poll, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    public DataApiExecutor(RedshiftDataClient client, RedshiftTarget target) {
        this(client, target, PollPolicy.DEFAULT);
    }

    /** Runs the statements serially in one transaction; returns the rows each statement affected. */
    @Override
    public StatementResult executeBatch(List<String> statements, Deadline deadline) {
        if (statements.isEmpty() || statements.size() > MAX_BATCH_STATEMENTS) {
            throw new IllegalArgumentException("a batch takes 1.." + MAX_BATCH_STATEMENTS + " statements, got "
                    + statements.size());
        }
        statements.forEach(DataApiExecutor::requireSize);
        String id = call("BatchExecuteStatement", () -> client.batchExecuteStatement(batchRequest(statements)).id());
        DescribeStatementResponse finished = awaitFinished(id, deadline);
        List<Long> rows = new ArrayList<>();
        for (SubStatementData sub : finished.subStatements()) {
            rows.add(sub.resultRows() == null ? 0L : Math.max(0L, sub.resultRows()));
        }
        return new StatementResult(id, rows);
    }

    /** Runs one statement (with optional named parameters) in its own transaction. */
    public StatementResult execute(String sql, Map<String, String> parameters, Deadline deadline) {
        String id = submit(sql, parameters);
        DescribeStatementResponse finished = awaitFinished(id, deadline);
        long rows = finished.resultRows() == null ? 0L : Math.max(0L, finished.resultRows());
        return new StatementResult(id, List.of(rows));
    }

    /** Runs a query and returns every row (all pages), each field rendered as a string (null for SQL NULL). */
    @Override
    public List<List<String>> query(String sql, Map<String, String> parameters, Deadline deadline) {
        return fetch(submit(sql, parameters), deadline);
    }

    /**
     * Submits one statement and returns its id without waiting. Statements run asynchronously, so a caller can
     * submit on two warehouses first and {@link #fetch} both afterwards: the two run side by side.
     */
    public String submit(String sql, Map<String, String> parameters) {
        requireSize(sql);
        return call("ExecuteStatement", () -> client.executeStatement(executeRequest(sql, parameters)).id());
    }

    /** Waits for a submitted statement as {@link #query} does and returns every row of its result. */
    public List<List<String>> fetch(String id, Deadline deadline) {
        awaitFinished(id, deadline);
        List<List<String>> rows = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetStatementResultResponse result = call("GetStatementResult",
                    () -> client.getStatementResult(r -> r.id(id).nextToken(page)));
            for (List<Field> record : result.records()) {
                rows.add(record.stream().map(DataApiExecutor::text).toList());
            }
            token = result.nextToken();
        } while (token != null && !token.isEmpty());
        return rows;
    }

    /** How this executor polls DescribeStatement. */
    public PollPolicy pollPolicy() {
        return poll;
    }

    /** How many Data API calls this executor has made (for figures: calls per invocation). */
    public long apiCalls() {
        return apiCalls.get();
    }

    /** The calls made so far by operation name (ExecuteStatement, DescribeStatement, ...). */
    public Map<String, Long> callsByOperation() {
        Map<String, Long> copy = new TreeMap<>();
        callsByOperation.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    private DescribeStatementResponse awaitFinished(String id, Deadline deadline) {
        Duration wait = poll.initial();
        String lastSeen = "SUBMITTED";
        while (true) {
            Optional<DescribeStatementResponse> described = describe(id);
            if (described.isPresent()) {
                StatusString status = described.get().status();
                if (status == StatusString.FINISHED) {
                    return described.get();
                }
                if (status == StatusString.FAILED || status == StatusString.ABORTED) {
                    throw DataApiErrors.fromStatement(id, described.get().statusAsString(), described.get().error());
                }
                lastSeen = described.get().statusAsString();
            }
            if (deadline.remaining().compareTo(wait) <= 0) {
                cancelQuietly(id);
                throw new DataApiException(DataApiException.Kind.TRANSIENT,
                        "statement " + id + " still " + lastSeen + " when the time budget ran out; cancelled");
            }
            sleep(wait);
            wait = poll.next(wait);
        }
    }

    /**
     * One DescribeStatement; empty when the call itself failed transiently (throttled, 5xx, connection). The
     * statement runs on whatever happens to a poll, so the next poll asks again instead of abandoning a load
     * that may well commit.
     */
    private Optional<DescribeStatementResponse> describe(String id) {
        try {
            return Optional.of(call("DescribeStatement", () -> client.describeStatement(r -> r.id(id))));
        } catch (DataApiException e) {
            if (e.kind() == DataApiException.Kind.TRANSIENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void cancelQuietly(String id) {
        try {
            call("CancelStatement", () -> client.cancelStatement(r -> r.id(id)));
        } catch (DataApiException ignored) {
            // The statement may have finished meanwhile; the transaction either committed whole or not at all.
        }
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataApiException(DataApiException.Kind.TRANSIENT, "interrupted while waiting for a statement", e);
        }
    }

    private <T> T call(String operation, Supplier<T> request) {
        apiCalls.incrementAndGet();
        callsByOperation.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
        try {
            return request.get();
        } catch (SdkException e) {
            throw DataApiErrors.fromCall(operation, e);
        }
    }

    private BatchExecuteStatementRequest batchRequest(List<String> statements) {
        BatchExecuteStatementRequest.Builder b = BatchExecuteStatementRequest.builder().sqls(statements);
        identify(b::database, b::workgroupName, b::clusterIdentifier, b::secretArn, b::dbUser);
        return b.build();
    }

    private ExecuteStatementRequest executeRequest(String sql, Map<String, String> parameters) {
        ExecuteStatementRequest.Builder b = ExecuteStatementRequest.builder().sql(sql);
        identify(b::database, b::workgroupName, b::clusterIdentifier, b::secretArn, b::dbUser);
        if (!parameters.isEmpty()) {
            b.parameters(parameters.entrySet().stream()
                    .map(e -> SqlParameter.builder().name(e.getKey()).value(e.getValue()).build()).toList());
        }
        return b.build();
    }

    /** Names the warehouse and credentials on a request (the two request builders share no interface). */
    private void identify(Consumer<String> database, Consumer<String> workgroup, Consumer<String> cluster,
                          Consumer<String> secret, Consumer<String> dbUser) {
        database.accept(target.database());
        target.workgroupName().ifPresent(workgroup);
        target.clusterIdentifier().ifPresent(cluster);
        target.secretArn().ifPresent(secret);
        target.dbUser().ifPresent(dbUser);
    }

    private static void requireSize(String sql) {
        int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= MAX_SQL_BYTES) {
            throw new IllegalArgumentException("SQL statement of " + bytes + " bytes exceeds the Data API limit of "
                    + MAX_SQL_BYTES);
        }
    }

    private static String text(Field field) {
        if (Boolean.TRUE.equals(field.isNull())) {
            return null;
        }
        if (field.stringValue() != null) {
            return field.stringValue();
        }
        if (field.longValue() != null) {
            return field.longValue().toString();
        }
        if (field.doubleValue() != null) {
            return field.doubleValue().toString();
        }
        if (field.booleanValue() != null) {
            return field.booleanValue().toString();
        }
        return null;
    }
}
