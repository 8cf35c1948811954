package io.paydr.devstack.redshift.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The statements the server remembers, oldest first. Enforces the active-statement limit and keeps at
 * most {@code maxRetained} statements, evicting the oldest finished ones (AWS keeps results 24 hours;
 * devstack keeps them in memory, so it bounds them by count).
 */
public final class StatementStore {

    private final Map<String, Statement> statements = new LinkedHashMap<>();
    private final int maxActive;
    private final int maxRetained;

    public StatementStore(int maxActive, int maxRetained) {
        this.maxActive = maxActive;
        this.maxRetained = maxRetained;
    }

    public synchronized void register(Statement statement) {
        long active = statements.values().stream().filter(s -> !s.status().isFinal()).count();
        if (active >= maxActive) {
            throw new DataApiException("ActiveStatementsExceededException", 400,
                    "Active statements exceeded the allowed quota of " + maxActive + ".");
        }
        statements.put(statement.id(), statement);
        evictOldestFinished();
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
        Iterator<Statement> it = statements.values().iterator();
        while (statements.size() > maxRetained && it.hasNext()) {
            if (it.next().status().isFinal()) {
                it.remove();
            }
        }
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
