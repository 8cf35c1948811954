package io.paydr.ingest.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqlLiteralTest {
    @Test
    void plainTextIsQuotedAsIs() {
        assertEquals("'Café Zürich 東京'", SqlLiteral.string("Café Zürich 東京"));
    }

    @Test
    void quotesAreDoubledSoTheLiteralCannotBeClosedEarly() {
        assertEquals("'x''); DROP TABLE payments; --'", SqlLiteral.string("x'); DROP TABLE payments; --"));
    }

    @Test
    void backslashesAndControlCharactersAreSplicedInWithChr() {
        // Redshift reads backslashes in literals as escapes, PostgreSQL does not: CHR(92) means the same to both.
        assertEquals("'a' || CHR(92) || 'b'", SqlLiteral.string("a\\b"));
        assertEquals("'line' || CHR(10) || 'next' || CHR(9) || ''", SqlLiteral.string("line\nnext\t"));
        assertEquals("'' || CHR(127) || ''", SqlLiteral.string("\u007f"));
    }

    @Test
    void backslashBeforeQuoteCannotEscapeTheQuote() {
        String literal = SqlLiteral.string("\\'; DROP TABLE payments; --");

        assertEquals("'' || CHR(92) || '''; DROP TABLE payments; --'", literal);
        assertFalse(literal.contains("\\"));
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SqlLiteral.string("a\u0000b"));
        assertThrows(IllegalArgumentException.class, () -> SqlLiteral.string("a\ud800b"));
        assertThrows(IllegalArgumentException.class, () -> SqlLiteral.string("a\udc00"));
        assertEquals("'😀'", SqlLiteral.string("😀"));
    }

    @Test
    void timestampsAreUtcWithMilliseconds() {
        assertEquals("CAST('2026-11-25 16:38:15.123' AS TIMESTAMP)",
                SqlLiteral.timestamp(Instant.parse("2026-11-25T16:38:15.123456Z")));
    }

    @Test
    void nullableStringWritesNull() {
        assertEquals("NULL", SqlLiteral.nullableString(null));
        assertEquals("'m-1'", SqlLiteral.nullableString("m-1"));
    }
}
