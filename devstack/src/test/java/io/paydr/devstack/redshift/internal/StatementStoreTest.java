package io.paydr.devstack.redshift.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Retention and the active-statement limit of the statement store. */
class StatementStoreTest {

    @Test
    void evictsTheOldestFinishedStatementsButNeverActiveOnes() {
        StatementStore store = new StatementStore(10, 2);
        Statement running = statement("running");
        store.register(running);
        Statement done1 = finished("done-1");
        store.register(done1);
        store.register(finished("done-2"));
        store.register(finished("done-3"));
        assertSame(running, store.find("running"), "an active statement is never evicted");
        assertThrows(DataApiException.class, () -> store.find("done-1"));
        assertThrows(DataApiException.class, () -> store.find("done-2"));
        assertEquals(List.of("done-3", "running"), store.list(s -> true).stream().map(Statement::id).toList());
    }

    @Test
    void refusesMoreActiveStatementsThanTheLimit() {
        StatementStore store = new StatementStore(2, 100);
        store.register(statement("a"));
        store.register(statement("b"));
        DataApiException e = assertThrows(DataApiException.class, () -> store.register(statement("c")));
        assertEquals("ActiveStatementsExceededException", e.type());
    }

    @Test
    void findsBatchSubStatementsByNumber() {
        StatementStore store = new StatementStore(2, 100);
        Statement batch = Statement.create("b", new StatementRequest(List.of("SELECT 1", "SELECT 2"), true, Map.of(),
                "db", "wg", null, null, null, null, null));
        store.register(batch);
        assertEquals("SELECT 2", store.find("b:2").sql());
        assertEquals("ResourceNotFoundException", assertThrows(DataApiException.class, () -> store.find("b:3")).type());
        assertEquals("ResourceNotFoundException", assertThrows(DataApiException.class, () -> store.find("b:x")).type());
    }

    @Test
    void aRetriedRequestWithTheSameClientTokenGetsTheSameStatement() {
        StatementStore store = new StatementStore(1, 100);
        Statement first = withToken("first", "token-1");
        assertSame(first, store.register(first));
        assertSame(first, store.register(withToken("retry", "token-1")), "no second statement, and no active-limit error");
        assertThrows(DataApiException.class, () -> store.find("retry"));
    }

    private static Statement withToken(String id, String token) {
        return Statement.create(id, new StatementRequest(List.of("SELECT 1"), false, Map.of(), "db", "wg", null, null, null, null, token));
    }

    private static Statement statement(String id) {
        return Statement.create(id, new StatementRequest(List.of("SELECT 1"), false, Map.of(), "db", "wg", null, null, null, null, null));
    }

    private static Statement finished(String id) {
        Statement s = statement(id);
        s.start(1, 1);
        s.finish(0, null);
        return s;
    }
}
