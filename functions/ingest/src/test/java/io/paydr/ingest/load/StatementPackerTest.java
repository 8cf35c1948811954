package io.paydr.ingest.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementPackerTest {
    @Test
    void packsItemsIntoStatementsUnderTheBudget() {
        StatementPacker packer = new StatementPacker("INSERT INTO s VALUES ", ", ", "", 64);
        for (int i = 0; i < 10; i++) {
            packer.add("(" + i + ", 'abcdef')");
        }

        List<String> statements = packer.statements();

        assertEquals(List.of("INSERT INTO s VALUES (0, 'abcdef'), (1, 'abcdef'), (2, 'abcdef')",
                "INSERT INTO s VALUES (3, 'abcdef'), (4, 'abcdef'), (5, 'abcdef')",
                "INSERT INTO s VALUES (6, 'abcdef'), (7, 'abcdef'), (8, 'abcdef')",
                "INSERT INTO s VALUES (9, 'abcdef')"), statements);
        statements.forEach(s -> assertTrue(s.length() <= 64, s));
    }

    @Test
    void countsUtf8BytesNotCharacters() {
        StatementPacker packer = new StatementPacker("P ", ",", " S", 30);
        packer.add("'ééééé'").add("'ééééé'").add("'ééééé'");

        for (String statement : packer.statements()) {
            assertTrue(statement.getBytes(StandardCharsets.UTF_8).length <= 30, statement);
        }
        assertEquals(12, StatementPacker.utf8Length("'ééééé'"));
        assertEquals(4, StatementPacker.utf8Length("😀"));
    }

    @Test
    void noItemsMeansNoStatements() {
        assertEquals(List.of(), new StatementPacker("P", ",", "S", 100).statements());
    }

    @Test
    void anItemThatCanNeverFitIsRefused() {
        StatementPacker packer = new StatementPacker("PREFIX ", ",", "", 20);
        assertThrows(IllegalArgumentException.class, () -> packer.add("x".repeat(14)));
    }

    @Test
    void suffixIsAppendedToEveryStatement() {
        StatementPacker packer = new StatementPacker("SELECT * FROM (", " UNION ALL ", ") v", 50);
        packer.add("SELECT 1").add("SELECT 2").add("SELECT 3");

        assertEquals(List.of("SELECT * FROM (SELECT 1 UNION ALL SELECT 2) v", "SELECT * FROM (SELECT 3) v"),
                packer.statements());
    }
}
