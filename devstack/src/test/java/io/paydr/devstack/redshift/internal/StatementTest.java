package io.paydr.devstack.redshift.internal;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statement lifecycle rules that do not need a database. */
class StatementTest {

    private static Statement batch() {
        return Statement.create("b", new StatementRequest(List.of("SELECT 1", "SELECT 2"), true, Map.of(),
                "db", "wg", null, null, null, null, null));
    }

    @Test
    void aBatchThatEndsEarlyAbortsItsWaitingSubStatements() {
        Statement b = batch();
        assertTrue(b.start(7, 1));
        assertTrue(b.subStatements().get(0).start(7, 2));
        b.subStatements().get(0).finish(1, null);
        b.fail("the session died");
        assertEquals(StatementStatus.FAILED, b.status());
        assertEquals(StatementStatus.FINISHED, b.subStatements().get(0).status());
        assertEquals(StatementStatus.ABORTED, b.subStatements().get(1).status());
    }

    @Test
    void cancellingBeforeStartMeansItNeverRuns() throws SQLException {
        Statement b = batch();
        assertTrue(b.cancel());
        assertEquals(StatementStatus.ABORTED, b.status());
        assertEquals(-1, b.durationNanos(), "never ran");
        assertFalse(b.start(7, 1));
        assertFalse(b.cancel(), "an ended statement cannot be cancelled");
        b.subStatements().forEach(s -> assertEquals(StatementStatus.ABORTED, s.status()));
    }
}
