package io.paydr.devstack.redshift.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * A small pool of PostgreSQL sessions. Every statement gets a session that looks new: on return the
 * session is rolled back and {@code DISCARD ALL} drops temp tables, settings and prepared plans, so
 * nothing leaks from one Data API statement to the next (as each Data API call is its own session).
 */
public final class SessionPool implements AutoCloseable {

    /** One round trip: the driver sends the three commands together and waits once. */
    private static final String RESET = "DISCARD ALL; SET TIME ZONE 'UTC'; " + RedshiftCompat.SEARCH_PATH;

    private final String jdbcUrl;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;

    /** Installs the compatibility objects over the pool's first session, which then waits for the first statement. */
    public SessionPool(String jdbcUrl) {
        this.jdbcUrl = withDriverOptions(jdbcUrl);
        Connection first = open();
        try {
            RedshiftCompat.install(first);
        } catch (RuntimeException e) {
            closeQuietly(first);
            throw e;
        }
        giveBack(first);
    }

    private Connection open() {
        try {
            return DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to the warehouse database: " + e.getMessage(), e);
        }
    }

    /**
     * Parameters arrive as strings; {@code stringtype=unspecified} lets PostgreSQL infer their types as
     * Redshift does. Server-side prepared statements stay off because DISCARD ALL deallocates them.
     */
    static String withDriverOptions(String url) {
        String sep = url.contains("?") ? "&" : "?";
        return url + sep + "stringtype=unspecified&prepareThreshold=0&ApplicationName=devstack-redshift-data";
    }

    public Connection borrow() throws SQLException {
        Connection c = idle.pollFirst();
        if (c != null && !c.isClosed()) {
            return c;
        }
        Connection fresh = DriverManager.getConnection(jdbcUrl);
        reset(fresh);
        return fresh;
    }

    /** Resets and keeps the session, or closes it if it cannot be reset (e.g. the backend died). */
    public void giveBack(Connection c) {
        if (closed) {
            closeQuietly(c);
            return;
        }
        try {
            reset(c);
            idle.offerFirst(c);
        } catch (SQLException e) {
            closeQuietly(c);
        }
    }

    private static void reset(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(RESET);
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the session is gone either way
        }
    }
}
