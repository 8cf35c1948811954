package io.paydr.aws;

import io.paydr.aws.internal.DataApiErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ActiveWaitingRequestsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;
import software.amazon.awssdk.services.redshiftdata.model.StatementStatusString;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.SubStatementData;

/**
 * Runs SQL through the Redshift Data API and waits for it with long polling. The submission itself waits
 * ({@code WaitTimeSeconds}), so a statement that ends within the wait costs its submission and one more call: the
 * DescribeStatement that reads its row counts or its error, or the GetStatementResult that reads its rows. A longer
 * one is awaited with DescribeStatement long polls. Only when the Data API refuses a wait
 * (ActiveWaitingRequestsExceededException), or the deadline is too close for one, does it poll DescribeStatement
 * with {@link PollPolicy}'s backoff; at the deadline the statement is cancelled. Failures map to
 * {@link DataApiException} kinds. A batch runs as one transaction: all of it commits or none of it does. Every
 * submission carries its own ClientToken, so one sent again (after a refused wait, or by the SDK's retries) never
 * runs twice.
 */
public final class DataApiExecutor implements SqlRunner {
    /** The Data API's limit on statements in one BatchExecuteStatement. */
    public static final int MAX_BATCH_STATEMENTS = 40;
    /** The Data API's limit on the SQL text of one statement (bytes). */
    public static final int MAX_SQL_BYTES = 100_000;
    /**
     * The long-poll wait. The Data API takes up to 30 s; 20 keeps every answer well inside the HTTP clients' 30 s
     * socket timeout ({@link AwsClients}), and a statement that ends earlier is answered earlier anyway.
     */
    public static final int DEFAULT_WAIT_SECONDS = 20;
    /** Time kept between the end of a long poll and the deadline, to cancel a statement still running then. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(1);

    /** Sleeps between plain polls; a seam so unit tests need not wait. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RedshiftDataClient client;
    private final RedshiftTarget target;
    private final PollPolicy poll;
    private final int waitSeconds;
    private final Sleeper sleeper;
    private final AtomicLong apiCalls = new AtomicLong();
    private final AtomicLong refusedWaits = new AtomicLong();
    private final Map<String, AtomicLong> callsByOperation = new ConcurrentHashMap<>();

    /**
     * @param poll        the backoff of plain polling, used only when a long poll is refused or the deadline is too
     *                    close for one
     * @param waitSeconds the long-poll wait, 1..{@value #DEFAULT_WAIT_SECONDS} s; 0 polls plainly (a server
     *                    without long polling)
     */
    public DataApiExecutor(RedshiftDataClient client, RedshiftTarget target, PollPolicy poll, int waitSeconds,
                           Sleeper sleeper) {
        if (waitSeconds < 0 || waitSeconds > DEFAULT_WAIT_SECONDS) {
            throw new IllegalArgumentException("waitSeconds must be within 0.." + DEFAULT_WAIT_SECONDS
                    + " (0: no long polling), was " + waitSeconds);
        }
        this.client = client;
        this.target = target;
        this.poll = poll;
        this.waitSeconds = waitSeconds;
        this.sleeper = sleeper;
    }

    public DataApiExecutor(RedshiftDataClient client, RedshiftTarget target, PollPolicy poll, Sleeper sleeper) {
        this(client, target, poll, DEFAULT_WAIT_SECONDS, sleeper);
    }

    public DataApiExecutor(RedshiftDataClient client, RedshiftTarget target, PollPolicy poll) {
        this(client, target, poll, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    public DataApiExecutor(RedshiftDataClient client, RedshiftTarget target) {
        this(client, target, PollPolicy.DEFAULT);
    }

    /**
     * Runs the statements serially in one transaction; returns the rows each statement affected. Two calls when the
     * batch ends within the long-poll wait: BatchExecuteStatement (waiting) and the DescribeStatement that reads the
     * sub-statements' row counts.
     */
    @Override
    public StatementResult executeBatch(List<String> statements, Deadline deadline) {
        if (statements.isEmpty() || statements.size() > MAX_BATCH_STATEMENTS) {
            throw new IllegalArgumentException("a batch takes 1.." + MAX_BATCH_STATEMENTS + " statements, got "
                    + statements.size());
        }
        statements.forEach(DataApiExecutor::requireSize);
        String token = UUID.randomUUID().toString();
        Submitted submitted = submitWaiting("BatchExecuteStatement", deadline, wait -> {
            var response = client.batchExecuteStatement(batchRequest(statements, token, wait));
            return new Submitted(response.id(), response.status());
        });
        DescribeStatementResponse finished = awaitFinished(submitted, deadline);
        List<Long> rows = new ArrayList<>();
        for (SubStatementData sub : finished.subStatements()) {
            rows.add(sub.resultRows() == null ? 0L : Math.max(0L, sub.resultRows()));
        }
        return new StatementResult(finished.id(), rows);
    }

    /** Runs one statement (with optional named parameters) in its own transaction. */
    public StatementResult execute(String sql, Map<String, String> parameters, Deadline deadline) {
        DescribeStatementResponse finished = awaitFinished(submitWaiting(sql, parameters, deadline), deadline);
        long rows = finished.resultRows() == null ? 0L : Math.max(0L, finished.resultRows());
        return new StatementResult(finished.id(), List.of(rows));
    }

    /**
     * Runs a query and returns every row (all pages), each field rendered as a string (null for SQL NULL). Two calls
     * when it ends within the long-poll wait: ExecuteStatement (waiting) and GetStatementResult.
     */
    @Override
    public List<List<String>> query(String sql, Map<String, String> parameters, Deadline deadline) {
        Submitted submitted = submitWaiting(sql, parameters, deadline);
        if (submitted.status() != StatementStatusString.FINISHED) {
            awaitFinished(submitted, deadline);
        }
        return rowsOf(submitted.id());
    }

    /**
     * Submits one statement and returns its id without waiting. Statements run asynchronously, so a caller can
     * submit on two warehouses first and {@link #fetch} both afterwards: the two run side by side.
     */
    public String submit(String sql, Map<String, String> parameters) {
        requireSize(sql);
        String token = UUID.randomUUID().toString();
        return call("ExecuteStatement", () -> client.executeStatement(executeRequest(sql, parameters, token, 0)).id());
    }

    /** Waits for a submitted statement (long polling) and returns every row of its result. */
    public List<List<String>> fetch(String id, Deadline deadline) {
        awaitFinished(new Submitted(id, null), deadline);
        return rowsOf(id);
    }

    /**
     * Every row of a finished statement or sub-statement ({@code <batch id>:<n>}, n from 1), without waiting: a
     * SELECT inside a batch is read after the batch, by its sub-statement id.
     */
    @Override
    public List<List<String>> rowsOf(String statementId) {
        List<List<String>> rows = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetStatementResultResponse result = call("GetStatementResult",
                    () -> client.getStatementResult(r -> r.id(statementId).nextToken(page)));
            for (List<Field> record : result.records()) {
                rows.add(record.stream().map(DataApiExecutor::text).toList());
            }
            token = result.nextToken();
        } while (token != null && !token.isEmpty());
        return rows;
    }

    /** How DescribeStatement is polled when a long poll is refused or the deadline is too close for one. */
    public PollPolicy pollPolicy() {
        return poll;
    }

    /** The long-poll wait in seconds (0: plain polling only). */
    public int waitSeconds() {
        return waitSeconds;
    }

    /** Long polls the Data API refused (ActiveWaitingRequestsExceededException), each answered by plain polling. */
    public long refusedWaits() {
        return refusedWaits.get();
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

    /** A submitted statement, with the status its submission answered when it waited (null otherwise). */
    private record Submitted(String id, StatementStatusString status) {
        boolean ended() {
            return status == StatementStatusString.FINISHED || status == StatementStatusString.FAILED
                    || status == StatementStatusString.ABORTED;
        }
    }

    private Submitted submitWaiting(String sql, Map<String, String> parameters, Deadline deadline) {
        requireSize(sql);
        String token = UUID.randomUUID().toString();
        return submitWaiting("ExecuteStatement", deadline, wait -> {
            var response = client.executeStatement(executeRequest(sql, parameters, token, wait));
            return new Submitted(response.id(), response.status());
        });
    }

    /**
     * Submits with a long-poll wait when there is time for one. A refused wait is sent again without one: the same
     * ClientToken names the same statement, so it is never submitted twice.
     */
    private Submitted submitWaiting(String operation, Deadline deadline, IntFunction<Submitted> submit) {
        int wait = waitFor(deadline);
        try {
            return call(operation, () -> submit.apply(wait));
        } catch (DataApiException e) {
            if (wait == 0 || !(e.getCause() instanceof ActiveWaitingRequestsExceededException)) {
                throw e;
            }
            refusedWaits.incrementAndGet();
            return call(operation, () -> submit.apply(0));
        }
    }

    /** The wait of the next long poll: the configured one, less near the deadline; 0 when there is no time. */
    private int waitFor(Deadline deadline) {
        long seconds = deadline.remaining().minus(WAIT_MARGIN).toSeconds();
        return (int) Math.max(0, Math.min(waitSeconds, seconds));
    }

    /**
     * The final description of a statement: one DescribeStatement when its submission already saw it end, else
     * DescribeStatement long polls until it ends; plain polling with backoff once a wait is refused or the deadline
     * is too close for one. At the deadline the statement is cancelled.
     */
    private DescribeStatementResponse awaitFinished(Submitted submitted, Deadline deadline) {
        String id = submitted.id();
        boolean longPolling = waitSeconds > 0 && !submitted.ended();
        Duration pause = poll.initial();
        String lastSeen = submitted.status() == null ? "SUBMITTED" : submitted.status().toString();
        while (true) {
            int wait = longPolling ? waitFor(deadline) : 0;
            long asked = System.nanoTime();
            Optional<DescribeStatementResponse> described;
            try {
                described = describe(id, wait);
            } catch (WaitRefused e) {
                refusedWaits.incrementAndGet();
                longPolling = false;
                continue;
            }
            if (described.isPresent()) {
                StatusString status = described.get().status();
                if (status == StatusString.FINISHED) {
                    return described.get();
                }
                if (status == StatusString.FAILED || status == StatusString.ABORTED) {
                    throw DataApiErrors.fromStatement(id, described.get().statusAsString(), described.get().error());
                }
                lastSeen = described.get().statusAsString();
                // a long poll that waited is the pause; one answered early (a server without long polling) is not
                if (wait > 0 && System.nanoTime() - asked >= Duration.ofSeconds(wait).toNanos() / 2) {
                    continue;
                }
            }
            if (deadline.remaining().compareTo(pause) <= 0) {
                cancelQuietly(id);
                throw new DataApiException(DataApiException.Kind.TRANSIENT,
                        "statement " + id + " still " + lastSeen + " when the time budget ran out; cancelled");
            }
            sleep(pause);
            pause = poll.next(pause);
        }
    }

    /** A long poll the Data API refused: too many requests wait on this statement. */
    private static final class WaitRefused extends RuntimeException {
        WaitRefused() {
            super(null, null, false, false);
        }
    }

    /**
     * One DescribeStatement, waiting up to {@code wait} seconds (0: none); empty when the call itself failed
     * transiently (throttled, 5xx, connection). The statement runs on whatever happens to a poll, so the next poll
     * asks again instead of abandoning a load that may well commit.
     */
    private Optional<DescribeStatementResponse> describe(String id, int wait) {
        try {
            return Optional.of(call("DescribeStatement",
                    () -> client.describeStatement(r -> r.id(id).waitTimeSeconds(wait > 0 ? wait : null))));
        } catch (DataApiException e) {
            if (e.getCause() instanceof ActiveWaitingRequestsExceededException) {
                throw new WaitRefused();
            }
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

    private BatchExecuteStatementRequest batchRequest(List<String> statements, String token, int wait) {
        BatchExecuteStatementRequest.Builder b = BatchExecuteStatementRequest.builder().sqls(statements)
                .clientToken(token).waitTimeSeconds(wait > 0 ? wait : null);
        identify(b::database, b::workgroupName, b::clusterIdentifier, b::secretArn, b::dbUser);
        return b.build();
    }

    private ExecuteStatementRequest executeRequest(String sql, Map<String, String> parameters, String token,
                                                   int wait) {
        ExecuteStatementRequest.Builder b = ExecuteStatementRequest.builder().sql(sql).clientToken(token)
                .waitTimeSeconds(wait > 0 ? wait : null);
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
