package io.paydr.ops.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgsTest {

    private static final Set<String> VALUED = Set.of("from", "max");
    private static final Set<String> FLAGS = Set.of("dry-run");

    @Test
    void readsSpacedAndEqualsFormsAndFlags() {
        Args a = Args.parse(List.of("--from", "2026-11-25", "--max=5", "--dry-run"), VALUED, FLAGS);
        assertEquals("2026-11-25", a.required("from"));
        assertEquals(5, a.positiveInt("max", 1));
        assertTrue(a.flag("dry-run"));
        Args b = Args.parse(List.of(), VALUED, FLAGS);
        assertFalse(b.flag("dry-run"));
        assertNull(b.optional("from"));
        assertEquals(7, b.positiveInt("max", 7));
    }

    @Test
    void usageErrorsNameTheOption() {
        assertEquals("unknown option --form",
                assertThrows(UsageException.class, () -> Args.parse(List.of("--form", "x"), VALUED, FLAGS)).getMessage());
        assertEquals("option --from needs a value",
                assertThrows(UsageException.class, () -> Args.parse(List.of("--from", "--dry-run"), VALUED, FLAGS))
                        .getMessage());
        assertEquals("option --from is given twice", assertThrows(UsageException.class,
                () -> Args.parse(List.of("--from", "a", "--from=b"), VALUED, FLAGS)).getMessage());
        assertEquals("unexpected argument 'stray'",
                assertThrows(UsageException.class, () -> Args.parse(List.of("stray"), VALUED, FLAGS)).getMessage());
        assertEquals("missing required option --from",
                assertThrows(UsageException.class, () -> Args.parse(List.of(), VALUED, FLAGS).required("from"))
                        .getMessage());
        assertThrows(UsageException.class, () -> Args.parse(List.of("--max", "0"), VALUED, FLAGS).positiveInt("max", 1));
        assertThrows(UsageException.class, () -> Args.parse(List.of("--max", "x"), VALUED, FLAGS).positiveInt("max", 1));
    }
}
