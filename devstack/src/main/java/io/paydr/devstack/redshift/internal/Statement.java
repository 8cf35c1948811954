package io.paydr.devstack.redshift.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;

/**
 * One Data API statement (or one sub-statement of a batch) and its lifecycle. Thread-safe: the executor
 * moves it through its states while request threads read it and may cancel it.
 */
public final class Statement {

    private final String id;
    private final String sql;
    private final StatementRequest request;
    private final List<Statement> subStatements;
    private final Instant createdAt = Instant.now();

    private StatementStatus status = StatementStatus.SUBMITTED;
    private Instant updatedAt = createdAt;
    private long startedNanos;
    /** -1 until the statement has run, as AWS reports it. */
    private long durationNanos = -1;
    private String error;
    private long resultRows = -1;
    private long resultSize = -1;
    private StatementResult result;
    private int redshiftPid;
    private long queryId = -1;
    private boolean cancelRequested;
    private Connection runningOn;
    /** Requests with WaitTimeSeconds waiting on this statement (or, for a batch, on any of its sub-statements). */
    private int waitingRequests;

    private Statement(String id, String sql, StatementRequest request, List<Statement> subStatements) {
        this.id = id;
        this.sql = sql;
        this.request = request;
        this.subStatements = subStatements;
    }

    /** A new statement for the request; a batch gets sub-statements with ids {@code <id>:1 .. <id>:n}. */
    public static Statement create(String id, StatementRequest request) {
        if (!request.batch()) {
            return new Statement(id, request.sqls().get(0), request, List.of());
        }
        List<Statement> subs = new ArrayList<>();
        for (int i = 0; i < request.sqls().size(); i++) {
            subs.add(new Statement(id + ":" + (i + 1), request.sqls().get(i), request, List.of()));
        }
        return new Statement(id, String.join("; ", request.sqls()), request, Collections.unmodifiableList(subs));
    }

    public String id() {
        return id;
    }

    public String sql() {
        return sql;
    }

    public StatementRequest request() {
        return request;
    }

    public List<Statement> subStatements() {
        return subStatements;
    }

    public boolean isBatch() {
        return request.batch() && !subStatements.isEmpty();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized StatementStatus status() {
        return status;
    }

    public synchronized Instant updatedAt() {
        return updatedAt;
    }

    public synchronized long durationNanos() {
        return status == StatementStatus.STARTED ? System.nanoTime() - startedNanos : durationNanos;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized long resultRows() {
        return resultRows;
    }

    public synchronized long resultSize() {
        return resultSize;
    }

    public synchronized StatementResult result() {
        return result;
    }

    public synchronized boolean hasResultSet() {
        return result != null;
    }

    public synchronized int redshiftPid() {
        return redshiftPid;
    }

    public synchronized long queryId() {
        return queryId;
    }

    public synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    /** Moves SUBMITTED to STARTED on the given session; false when the statement was cancelled before it ran. */
    public synchronized boolean start(int pid, long queryId) {
        if (cancelRequested || status != StatementStatus.SUBMITTED) {
            return false;
        }
        this.status = StatementStatus.STARTED;
        this.redshiftPid = pid;
        this.queryId = queryId;
        this.startedNanos = System.nanoTime();
        this.updatedAt = Instant.now();
        return true;
    }

    /**
     * Blocks until the statement reaches a final state or {@code timeout} passes, whichever comes first (the Data
     * API's long polling); returns whether it is final. An ended statement answers at once.
     */
    public synchronized boolean awaitFinal(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!status.isFinal()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Counts one more waiting request unless {@code limit} are waiting already; false means refused. */
    public synchronized boolean enterWait(int limit) {
        if (waitingRequests >= limit) {
            return false;
        }
        waitingRequests++;
        return true;
    }

    public synchronized void leaveWait() {
        waitingRequests--;
    }

    /** Records the connection a running statement uses, so CancelStatement can interrupt it. */
    public synchronized void runningOn(Connection connection) {
        this.runningOn = connection;
    }

    public synchronized void finish(long rows, StatementResult result) {
        this.resultRows = rows;
        this.result = result;
        this.resultSize = result == null ? 0 : result.sizeBytes();
        end(StatementStatus.FINISHED, null);
    }

    public synchronized void fail(String message) {
        end(cancelRequested ? StatementStatus.ABORTED : StatementStatus.FAILED, message);
    }

    public synchronized void abort(String message) {
        end(StatementStatus.ABORTED, message);
    }

    /**
     * Asks a statement to stop: not yet started means it never runs; running means the PostgreSQL backend
     * is told to cancel its query. Returns false when the statement has already ended.
     */
    public synchronized boolean cancel() throws SQLException {
        if (status.isFinal()) {
            return false;
        }
        cancelRequested = true;
        if (status == StatementStatus.SUBMITTED) {
            end(StatementStatus.ABORTED, null);
        } else if (runningOn != null) {
            runningOn.unwrap(PGConnection.class).cancelQuery();
        }
        return true;
    }

    private void end(StatementStatus finalStatus, String message) {
        if (status.isFinal()) {
            return;
        }
        if (status == StatementStatus.STARTED) {
            durationNanos = System.nanoTime() - startedNanos;
        }
        status = finalStatus;
        error = message;
        runningOn = null;
        updatedAt = Instant.now();
        notifyAll();
        // a batch that ended early leaves no sub-statement waiting forever
        for (Statement sub : subStatements) {
            sub.abort("Not run: the batch ended " + finalStatus);
        }
    }
}
