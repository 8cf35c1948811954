package io.paydr.devstack.redshift.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/** Executes a Redshift COPY statement on a session, inside that session's current transaction. */
@FunctionalInterface
public interface CopyHandler {

    /** Returns the number of rows loaded. {@code cancelled} turns true when CancelStatement asks to stop. */
    long copy(Connection session, String copySql, BooleanSupplier cancelled) throws SQLException, StatementFailure;
}
