package io.paydr.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {
    @Test
    void parsesQualifiedAndBareNames() {
        assertEquals("analytics.payments", TableName.parse("analytics.payments").qualified());
        assertEquals("public.payments", TableName.parse("payments").qualified());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b.c", "Payments", "pay ments", "public.\"x\"", "public.x;drop", "1abc", "a.", ".a"})
    void refusesAnythingButPlainIdentifiers(String name) {
        assertThrows(IllegalArgumentException.class, () -> TableName.parse(name));
    }
}
