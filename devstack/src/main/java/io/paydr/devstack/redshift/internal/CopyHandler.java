package io.paydr.devstack.redshift.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/** Executes a Redshift COPY statement on a session, inside that session's current transaction. */
@FunctionalInterface
public interface CopyHandler {

    /** What a COPY loaded: its rows, and the decoded bytes it read (what a warehouse's per-MB cost applies to). */
    record Loaded(long rows, long bytes) {
    }

    /** Loads; {@code cancelled} turns true when CancelStatement asks to stop. */
    Loaded copy(Connection session, String copySql, BooleanSupplier cancelled) throws SQLException, StatementFailure;
}
