package io.paydr.devstack.redshift.internal;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool's first session is the one that installed the compatibility objects, reset like every other. */
class SessionPoolTest {

    @Test
    void theFirstStatementGetsTheSessionOpenedAtStartAlreadyReset() throws SQLException {
        String url = Devstack.shared().jdbcUrl(DevRegion.PRIMARY);
        try (SessionPool pool = new SessionPool(url); Connection probe = DriverManager.getConnection(url)) {
            Timestamp afterStart = (Timestamp) value(probe, "SELECT clock_timestamp()", null);
            Connection session = pool.borrow();
            try {
                assertTrue(session.getAutoCommit());
                assertEquals("UTC", value(session, "SELECT current_setting('TimeZone')", null));
                assertEquals("\"$user\", public, pg_catalog", value(session, "SELECT current_setting('search_path')", null));
                assertEquals(Boolean.TRUE, value(session, "SELECT backend_start < ? FROM pg_stat_activity WHERE pid = pg_backend_pid()",
                        afterStart), "no connection is opened for the first statement");
            } finally {
                pool.giveBack(session);
            }
        }
    }

    private static Object value(Connection c, String sql, Timestamp parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setTimestamp(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getObject(1);
            }
        }
    }
}
