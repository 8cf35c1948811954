package io.paydr.devstack.redshift.internal;

import io.paydr.devstack.redshift.internal.sql.NamedParameters;
import io.paydr.devstack.redshift.internal.sql.RedshiftDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * Runs statements asynchronously on their own PostgreSQL sessions: a single statement in autocommit,
 * a batch in one transaction that commits only if every sub-statement succeeds.
 */
public final class StatementRunner implements AutoCloseable {

    private final SessionPool sessions;
    private final CopyHandler copyHandler;
    private final WarehouseModel model;
    private final ExecutorService executor;
    private final AtomicLong queryIds = new AtomicLong(1000);

    /**
     * @param threads statements that run at once (the warehouse's WLM slots); later ones wait SUBMITTED in the queue
     * @param model   the warehouse profile's costs: each statement's minimum time, the commit queue
     */
    public StatementRunner(SessionPool sessions, CopyHandler copyHandler, WarehouseModel model, int threads) {
        this.sessions = sessions;
        this.copyHandler = copyHandler;
        this.model = model;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "devstack-redshift-statement-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void submit(Statement statement) {
        executor.execute(() -> run(statement));
    }

    private void run(Statement statement) {
        if (statement.cancelRequested()) {
            return;
        }
        Connection session;
        try {
            session = sessions.borrow();
        } catch (SQLException e) {
            statement.fail("Could not open a database session: " + e.getMessage());
            return;
        }
        try {
            int pid = session.unwrap(PGConnection.class).getBackendPID();
            if (!statement.start(pid, queryIds.incrementAndGet())) {
                return;
            }
            statement.runningOn(session);
            if (statement.isBatch()) {
                runBatch(session, statement, pid);
            } else {
                runSingle(session, statement);
            }
        } catch (SQLException | RuntimeException e) {
            statement.fail(errorText(e));
        } finally {
            sessions.giveBack(session);
        }
    }

    /**
     * A statement on its own commits by itself. Under a Redshift profile a writing statement runs in a transaction
     * that commits through the warehouse's commit queue, so its commit costs what a batch's does.
     */
    private void runSingle(Connection session, Statement statement) {
        try {
            boolean queued = model.commitsThroughQueue(statement.sql());
            if (queued) {
                session.setAutoCommit(false);
            }
            awaitWriteLock(session, statement.sql());
            long started = System.nanoTime();
            Outcome outcome = execute(session, statement, statement.request().parameters(), false,
                    statement::cancelRequested);
            model.settle(statement.sql(), started, outcome.copyBytes(), statement::cancelRequested);
            if (queued) {
                model.commit(session::commit);
            }
            statement.finish(outcome.rows(), outcome.result());
        } catch (SQLException e) {
            statement.fail(errorText(e));
        } catch (StatementFailure e) {
            statement.fail(e.getMessage());
        }
    }

    private void runBatch(Connection session, Statement batch, int pid) throws SQLException {
        session.setAutoCommit(false);
        List<Statement> subs = batch.subStatements();
        String unused = unusedParameter(batch);
        if (unused != null) {
            abortRest(subs, 0, "Not run: the batch's parameters do not match its SQL");
            batch.fail("ERROR: Parameter '" + unused + "' is not used in any SQL statement of the batch");
            return;
        }
        for (int i = 0; i < subs.size(); i++) {
            Statement sub = subs.get(i);
            String failure = runSubStatement(session, batch, sub, pid);
            if (failure != null) {
                session.rollback();
                abortRest(subs, i + 1, "Not run: sub-statement " + sub.id() + " failed and the batch was rolled back");
                batch.fail(failure);
                return;
            }
        }
        model.commit(session::commit);
        batch.finish(subs.stream().mapToLong(s -> Math.max(0, s.resultRows())).sum(), null);
    }

    /** Runs one sub-statement; returns the batch's error text if it failed. */
    private String runSubStatement(Connection session, Statement batch, Statement sub, int pid) {
        if (!sub.start(pid, queryIds.incrementAndGet()) || batch.cancelRequested()) {
            sub.abort(null);
            return "Batch cancelled before sub-statement " + sub.id();
        }
        try {
            awaitWriteLock(session, sub.sql());
            long started = System.nanoTime();
            Outcome outcome = execute(session, sub, batch.request().parameters(), true, batch::cancelRequested);
            model.settle(sub.sql(), started, outcome.copyBytes(), batch::cancelRequested);
            sub.finish(outcome.rows(), outcome.result());
            return null;
        } catch (SQLException | StatementFailure e) {
            String text = e instanceof SQLException se ? errorText(se) : e.getMessage();
            if (batch.cancelRequested()) {
                sub.abort(text);
            } else {
                sub.fail(text);
            }
            return "Sub-statement " + sub.id() + " failed: " + text;
        }
    }

    /**
     * Under a Redshift profile, waits for the table's write lock before the statement starts (so its modelled cost
     * counts from when it runs, as Redshift's does); the lock is held until the transaction ends.
     */
    private void awaitWriteLock(Connection session, String sql) throws SQLException {
        java.util.Optional<String> lock = model.writeLock(sql);
        if (lock.isPresent() && !session.getAutoCommit()) {
            try (java.sql.Statement st = session.createStatement()) {
                st.execute(lock.get());
            }
        }
    }

    /** A parameter of the batch that none of its statements names (ExecuteStatement refuses the same), or null. */
    private static String unusedParameter(Statement batch) {
        Map<String, String> parameters = batch.request().parameters();
        if (parameters.isEmpty()) {
            return null;
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Statement sub : batch.subStatements()) {
            used.addAll(NamedParameters.of(RedshiftDialect.toPostgres(sub.sql())).names());
        }
        return parameters.keySet().stream().filter(p -> !used.contains(p)).findFirst().orElse(null);
    }

    private static void abortRest(List<Statement> subs, int from, String reason) {
        for (int j = from; j < subs.size(); j++) {
            subs.get(j).abort(reason);
        }
    }

    /** What a statement did: rows affected or returned, its result set, and for a COPY the decoded bytes it read. */
    private record Outcome(long rows, StatementResult result, long copyBytes) {
    }

    /**
     * Runs the statement on the session; the caller records the outcome once the statement's modelled time is up.
     *
     * @param sharedByBatch the parameters are the batch's, one set for all its statements: this statement binds
     *                      those it names and ignores the others
     */
    private Outcome execute(Connection session, Statement statement, Map<String, String> parameters,
                            boolean sharedByBatch, BooleanSupplier cancelled) throws SQLException, StatementFailure {
        String sql = statement.sql();
        if (RedshiftDialect.hasSeveralStatements(sql)) {
            // Redshift runs Data API statements through its extended protocol, which takes one command
            throw new StatementFailure("ERROR: cannot insert multiple commands into a prepared statement"
                    + " (one SQL statement per ExecuteStatement; use BatchExecuteStatement for several)");
        }
        String unsupported = RedshiftDialect.unsupported(sql).orElse(null);
        if (unsupported != null) {
            throw new StatementFailure(unsupported);
        }
        if (RedshiftDialect.isNoOp(sql)) {
            return new Outcome(0, null, 0);
        }
        if (RedshiftDialect.isCopy(sql)) {
            if (!parameters.isEmpty() && !sharedByBatch) {
                throw new StatementFailure("COPY does not take parameters");
            }
            CopyHandler.Loaded loaded = copyHandler.copy(session, sql, cancelled);
            return new Outcome(loaded.rows(), null, loaded.bytes());
        }
        String pgSql = RedshiftDialect.toPostgres(sql);
        NamedParameters named = parameters.isEmpty() ? null : NamedParameters.of(pgSql);
        boolean bind = named != null && !(sharedByBatch && named.names().isEmpty());
        try (java.sql.Statement st = bind ? prepare(session, named, parameters, sharedByBatch) : session.createStatement()) {
            boolean hasResultSet = st instanceof PreparedStatement ps ? ps.execute() : st.execute(pgSql);
            if (hasResultSet) {
                try (ResultSet rs = st.getResultSet()) {
                    StatementResult result = ResultCapture.capture(rs);
                    return new Outcome(result.rows().size(), result, 0);
                }
            } else {
                long rows = Math.max(0, st.getUpdateCount());
                Optional<String> distKeyIndex = RedshiftDialect.distKeyIndex(sql);
                if (distKeyIndex.isPresent()) {
                    try (java.sql.Statement index = session.createStatement()) {
                        index.execute(distKeyIndex.get());
                    }
                }
                return new Outcome(rows, null, 0);
            }
        }
    }

    private static PreparedStatement prepare(Connection session, NamedParameters named, Map<String, String> parameters,
                                             boolean sharedByBatch) throws SQLException, StatementFailure {
        List<String> values;
        try {
            values = sharedByBatch ? named.bindUsed(parameters) : named.bind(parameters);
        } catch (IllegalArgumentException e) {
            throw new StatementFailure(e.getMessage());
        }
        PreparedStatement ps = session.prepareStatement(named.jdbcSql());
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
        return ps;
    }

    /** PostgreSQL's own message ("ERROR: ..."), as Redshift reports its errors. */
    static String errorText(Exception e) {
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
            var m = pe.getServerErrorMessage();
            String detail = m.getDetail() == null ? "" : " Detail: " + m.getDetail();
            return "ERROR: " + m.getMessage() + detail;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
