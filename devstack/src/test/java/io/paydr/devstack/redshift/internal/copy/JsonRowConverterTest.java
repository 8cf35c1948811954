package io.paydr.devstack.redshift.internal.copy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JSON 'auto' to PostgreSQL COPY text: matching, NULLs, escapes, UTF-8, line numbers. */
class JsonRowConverterTest {

    @Test
    void writesOneEscapedTextRowPerObject() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyTextBuffer buffer = new CopyTextBuffer((bytes, length) -> out.write(bytes, 0, length));
        JsonRowConverter converter = new JsonRowConverter(List.of("id", "name", "n", "nested"), true, buffer);
        String json = "{\"ID\":\"a\",\"name\":\"tab\\there\\\\ \\u0001 é 😀\",\"n\":1.5e3,\"skip\":{\"deep\":[1,2]},\"nested\":{\"k\":[true,null]}}\n"
                + "\n  {\"name\":null,\"n\":false} {\"id\":\"c\"}";
        List<Integer> lines = new ArrayList<>();
        long rows = converter.convert(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), lines::add);
        buffer.flush();
        assertEquals(3, rows);
        assertEquals(List.of(1, 3, 3), lines);
        assertEquals("a\ttab\\there\\\\ \\001 é 😀\t1.5e3\t{\"k\":[true,null]}\n"
                + "\\N\t\\N\tfalse\t\\N\n"
                + "c\t\\N\t\\N\t\\N\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void autoMatchesKeysExactlyAndIgnorecaseDoesNot() throws Exception {
        byte[] json = "{\"Id\":\"upper\",\"id\":\"lower\"}{\"ID\":\"only-upper\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("lower\n\\N\n", convert(List.of("id"), false, json));
        assertEquals("lower\nonly-upper\n", convert(List.of("id"), true, json));
    }

    @Test
    void keysMayChangeOrderFromRowToRow() throws Exception {
        byte[] json = "{\"a\":\"1\",\"b\":\"2\"}\n{\"b\":\"3\",\"a\":\"4\"}\n{\"x\":0,\"a\":\"5\"}\n{\"a\":\"6\",\"b\":\"7\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("1\t2\n4\t3\n5\t\\N\n6\t7\n", convert(List.of("a", "b"), false, json));
    }

    private static String convert(List<String> columns, boolean ignoreCase, byte[] json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyTextBuffer buffer = new CopyTextBuffer((bytes, length) -> out.write(bytes, 0, length));
        new JsonRowConverter(columns, ignoreCase, buffer).convert(new ByteArrayInputStream(json), line -> { });
        buffer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsTopLevelValuesThatAreNotObjects() {
        CopyTextBuffer buffer = new CopyTextBuffer((bytes, length) -> { });
        JsonRowConverter converter = new JsonRowConverter(List.of("id"), false, buffer);
        JsonRowConverter.BadJson e = assertThrows(JsonRowConverter.BadJson.class, () -> converter.convert(
                new ByteArrayInputStream("{\"id\":1}\n[1,2]\n".getBytes(StandardCharsets.UTF_8)), line -> { }));
        assertEquals(2, e.line);
    }
}
