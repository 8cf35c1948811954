package io.paydr.devstack.redshift.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The statements the server remembers, oldest first. Enforces the active-statement limit and keeps at
 * most {@code maxRetained} statements and {@link #MAX_RETAINED_RESULT_BYTES} of results, evicting the
 * oldest finished ones first (AWS keeps results 24 hours; devstack keeps them in memory, so it bounds them).
 */
public final class StatementStore {

    /** Results are held as Java objects, so this bounds the heap they take to a few times this figure. */
    static final long MAX_RETAINED_RESULT_BYTES = 256L * 1024 * 1024;

    private final Map<String, Statement> statements = new LinkedHashMap<>();
    private final int maxActive;
    private final int maxRetained;

    public StatementStore(int maxActive, int maxRetained) {
        this.maxActive = maxActive;
        this.maxRetained = maxRetained;
    }

    /**
     * Remembers a new statement and returns it, or returns the statement submitted earlier with the same
     * client token (a retried request), which then must not run again.
     */
    public synchronized Statement register(Statement statement) {
        String token = statement.request().clientToken();
        if (token != null) {
            for (Statement earlier : statements.values()) {
                if (token.equals(earlier.request().clientToken())) {
                    return earlier;
                }
            }
        }
        long active = statements.values().stream().filter(s -> !s.status().isFinal()).count();
        if (active >= maxActive) {
            throw new DataApiException("ActiveStatementsExceededException", 400,
                    "Active statements exceeded the allowed quota of " + maxActive + ".");
        }
        statements.put(statement.id(), statement);
        evictOldestFinished();
        return statement;
    }

    /** The statement or batch sub-statement ({@code <uuid>:<n>}) with this id. */
    public synchronized Statement find(String id) {
        int colon = id.lastIndexOf(':');
        Statement parent = statements.get(colon < 0 ? id : id.substring(0, colon));
        if (parent == null) {
            throw DataApiException.notFound("Query does not exist: " + id);
        }
        if (colon < 0) {
            return parent;
        }
        int n = parseIndex(id.substring(colon + 1));
        if (n < 1 || n > parent.subStatements().size()) {
            throw DataApiException.notFound("Query does not exist: " + id);
        }
        return parent.subStatements().get(n - 1);
    }

    /** Matching statements, newest first. */
    public synchronized List<Statement> list(Predicate<Statement> filter) {
        List<Statement> out = new ArrayList<>();
        for (Statement s : statements.values()) {
            if (filter.test(s)) {
                out.add(0, s);
            }
        }
        return out;
    }

    private void evictOldestFinished() {
        long resultBytes = statements.values().stream().mapToLong(StatementStore::resultBytes).sum();
        Iterator<Statement> it = statements.values().iterator();
        while ((statements.size() > maxRetained || resultBytes > MAX_RETAINED_RESULT_BYTES) && it.hasNext()) {
            Statement s = it.next();
            if (s.status().isFinal()) {
                resultBytes -= resultBytes(s);
                it.remove();
            }
        }
    }

    private static long resultBytes(Statement s) {
        long own = Math.max(0, s.resultSize());
        return own + s.subStatements().stream().mapToLong(sub -> Math.max(0, sub.resultSize())).sum();
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
