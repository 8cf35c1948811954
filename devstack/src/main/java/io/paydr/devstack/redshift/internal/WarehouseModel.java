package io.paydr.devstack.redshift.internal;

import io.paydr.devstack.redshift.DataApiStats;
import io.paydr.devstack.redshift.WarehouseProfile;
import io.paydr.devstack.redshift.internal.sql.RedshiftDialect;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A warehouse profile at work in one Region's server: the account's Data API rate quotas (a token bucket per
 * operation, ThrottlingException when it is empty), the modelled time of each statement, and the commit queue (one
 * commit at a time per warehouse). Under the fast profile every method returns at once. Counts every request and
 * throttle per operation, whatever the profile, for the capacity figures.
 * <p>Under a Redshift profile, a write also takes its table's write lock until the transaction ends: Redshift runs
 * concurrent COPY or INSERT into one table one transaction at a time ("Concurrent write examples", Database
 * Developer Guide), where PostgreSQL lets them run side by side.
 */
public final class WarehouseModel {

    /** A sleeping statement checks this often whether it was cancelled. */
    private static final long CANCEL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final WarehouseProfile profile;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final ReentrantLock commitQueue = new ReentrantLock(true);
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> throttled = new ConcurrentHashMap<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong commitWaitNanos = new AtomicLong();

    public WarehouseModel(WarehouseProfile profile) {
        this.profile = profile;
        for (String operation : profile.ratedOperations()) {
            double rate = profile.ratePerSecond(operation);
            if (rate > 0) {
                buckets.put(operation, new TokenBucket(rate, Math.max(1.0, rate * profile.burstSeconds())));
            }
        }
    }

    public WarehouseProfile profile() {
        return profile;
    }

    /**
     * Counts a request and takes a token of its operation's quota, or refuses it as the Data API does when the
     * account's request rate is exceeded: HTTP 400, {@code ThrottlingException}, "Rate exceeded" (the SDK treats that
     * code as throttling and retries with backoff).
     */
    public void admit(String operation) {
        requests.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
        TokenBucket bucket = buckets.get(operation);
        if (bucket != null && !bucket.tryTake()) {
            throttled.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
            throw new DataApiException("ThrottlingException", 400, "Rate exceeded");
        }
    }

    /**
     * Waits until a statement that started at {@code startedNanos} has lasted its modelled time: the fixed cost of
     * a statement, or for a COPY its fixed cost plus the cost of the decoded bytes it read. PostgreSQL's own time
     * counts towards it, so a statement never ends sooner than it would without the profile. A cancellation during
     * the wait ends the statement as cancelled.
     */
    public void settle(String sql, long startedNanos, long copyBytes, BooleanSupplier cancelled) throws StatementFailure {
        long modelledMillis = RedshiftDialect.isCopy(sql)
                ? profile.copyFixedMillis() + Math.round(profile.copyMillisPerMb() * copyBytes / 1_000_000.0)
                : profile.statementFixedMillis();
        long until = startedNanos + TimeUnit.MILLISECONDS.toNanos(modelledMillis);
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (cancelled.getAsBoolean()) {
                throw new StatementFailure("ERROR: Query cancelled on user's request");
            }
            sleepNanos(Math.min(left, CANCEL_CHECK_NANOS));
        }
    }

    /**
     * The statement that takes the write lock Redshift's write on this statement's table holds until the transaction
     * ends (SHARE ROW EXCLUSIVE conflicts with itself and with PostgreSQL's own write locks, not with reads); empty
     * under the fast profile or for a statement that writes no table. A temporary table is the session's own, so its
     * lock never waits.
     */
    public java.util.Optional<String> writeLock(String sql) {
        if (!profile.modelsRedshift()) {
            return java.util.Optional.empty();
        }
        return RedshiftDialect.writeTarget(sql).map(table -> "LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
    }

    /** Whether a statement run on its own must commit through the queue: it writes (Redshift commits reads freely). */
    public boolean commitsThroughQueue(String sql) {
        if (!profile.modelsRedshift() || RedshiftDialect.isNoOp(sql)) {
            return false;
        }
        String first = sql.stripLeading().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return !(first.equals("SELECT") || first.equals("WITH") || first.equals("SHOW") || first.equals("EXPLAIN"));
    }

    /** A commit that may fail, run through the queue. */
    @FunctionalInterface
    public interface Commit {
        void run() throws SQLException;
    }

    /**
     * Commits through the warehouse's commit queue: one transaction at a time, each holding the queue for the
     * commit's cost. Under the fast profile it just commits.
     */
    public void commit(Commit commit) throws SQLException {
        if (!profile.modelsRedshift()) {
            commit.run();
            return;
        }
        long queued = System.nanoTime();
        commitQueue.lock();
        try {
            commitWaitNanos.addAndGet(System.nanoTime() - queued);
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(profile.commitMillis()));
            commit.run();
            commits.incrementAndGet();
        } finally {
            commitQueue.unlock();
        }
    }

    public DataApiStats stats() {
        return new DataApiStats(profile.name(), snapshot(requests), snapshot(throttled), commits.get(),
                TimeUnit.NANOSECONDS.toMillis(commitWaitNanos.get()));
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("devstack is stopping", e);
        }
    }

    /** Requests per second with a burst: refilled continuously, one token per request. */
    private static final class TokenBucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long refilledAt = System.nanoTime();

        TokenBucket(double perSecond, double capacity) {
            this.perNano = perSecond / 1e9;
            this.capacity = capacity;
            this.tokens = capacity;
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
