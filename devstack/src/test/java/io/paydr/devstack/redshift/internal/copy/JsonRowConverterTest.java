package io.paydr.devstack.redshift.internal.copy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON 'auto' to PostgreSQL COPY text: matching, NULLs, escapes, UTF-8, line numbers. */
class JsonRowConverterTest {

    @Test
    void writesOneEscapedTextRowPerObject() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyTextBuffer buffer = new CopyTextBuffer((bytes, length) -> out.write(bytes, 0, length));
        JsonRowConverter converter = new JsonRowConverter(List.of("id", "name", "n", "nested"), true, null, buffer);
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
        new JsonRowConverter(columns, ignoreCase, null, buffer).convert(new ByteArrayInputStream(json), line -> { });
        buffer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsTopLevelValuesThatAreNotObjects() {
        CopyTextBuffer buffer = new CopyTextBuffer((bytes, length) -> { });
        JsonRowConverter converter = new JsonRowConverter(List.of("id"), false, null, buffer);
        JsonRowConverter.BadJson e = assertThrows(JsonRowConverter.BadJson.class, () -> converter.convert(
                new ByteArrayInputStream("{\"id\":1}\n[1,2]\n".getBytes(StandardCharsets.UTF_8)), line -> { }));
        assertEquals(2, e.line);
    }

    @Test
    void escapesBackslashesTabsNewlinesAndControlCharactersForCopyText() throws Exception {
        byte[] json = "{\"a\":\"back\\\\slash\\ttab\\nnew\\rcr\\u0000nul\\u007f\\u001f \\\"q\\\" \\/\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("back\\\\slash\\ttab\\nnew\\rcr\\000nul\u007f\\037 \"q\" /\n", convert(List.of("a"), false, json));
    }

    @Test
    void passesUtf8ThroughAndDecodesUnicodeEscapes() throws Exception {
        byte[] json = "{\"a\":\"Zürich ✓ 😀\",\"b\":\"\\u00fc\\u2713\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("Zürich ✓ 😀\tü✓😀\n", convert(List.of("a", "b"), false, json));
    }

    @Test
    void numbersAndLiteralsLoadAsWrittenAndNullAsNull() throws Exception {
        byte[] json = "{\"a\":-0.5e-3,\"b\":12345678901234567890,\"c\":true,\"d\":null,\"e\":false}".getBytes(StandardCharsets.UTF_8);
        assertEquals("-0.5e-3\t12345678901234567890\ttrue\t\\N\tfalse\t\\N\n",
                convert(List.of("a", "b", "c", "d", "e", "missing"), false, json));
    }

    @Test
    void valuesLongerThanEveryBufferSurviveWhole() throws Exception {
        String big = "é".repeat(200_000) + "\\t" + "x".repeat(300_000);
        byte[] json = ("{\"a\":\"" + big + "\",\"b\":1}").getBytes(StandardCharsets.UTF_8);
        assertEquals("é".repeat(200_000) + "\\t" + "x".repeat(300_000) + "\t1\n", convert(List.of("a", "b"), false, json));
    }

    @Test
    void illFormedUtf8FailsNamingTheLine() {
        byte[][] illFormed = {
            {(byte) 0xC3, '"'},                          // truncated two-byte sequence
            {(byte) 0xC0, (byte) 0x80},                  // overlong NUL
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},     // an encoded surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
            {(byte) 0xFF},
        };
        for (byte[] bad : illFormed) {
            byte[] json = concat("{\"a\":\"ok\"}\n{\"a\":\"x".getBytes(StandardCharsets.UTF_8), bad, "\"}".getBytes(StandardCharsets.UTF_8));
            JsonRowConverter.BadJson e = assertThrows(JsonRowConverter.BadJson.class, () -> convert(List.of("a"), false, json));
            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
        }
    }

    @Test
    void acceptInvCharsReplacesEachIllFormedSequenceAsJavasDecoderDoes() throws Exception {
        byte[] value = {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xE2, (byte) 0x82, 'x', ' ', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, ' ', (byte) 0xC0, (byte) 0x80};
        byte[] json = concat("{\"a\":\"".getBytes(StandardCharsets.UTF_8), value, "\"}".getBytes(StandardCharsets.UTF_8));
        String javaDecoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).replaceWith("^")
                .decode(ByteBuffer.wrap(value)).toString();
        assertEquals("caf^ ^x ^ ^^", javaDecoded);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyTextBuffer buffer = new CopyTextBuffer((bytes, length) -> out.write(bytes, 0, length));
        new JsonRowConverter(List.of("a"), false, "^", buffer).convert(new ByteArrayInputStream(json), line -> { });
        buffer.flush();
        assertEquals(javaDecoded + "\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unpairedSurrogateEscapesAndDeepNestingFail() {
        for (String doc : new String[] {"{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\ud83dx\"}",
                "{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}"}) {
            JsonRowConverter.BadJson e = assertThrows(JsonRowConverter.BadJson.class,
                    () -> convert(List.of("a"), false, doc.getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().startsWith("invalid JSON"), e.getMessage());
        }
    }

    @Test
    void skipsAByteOrderMark() throws Exception {
        byte[] json = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("1\n", convert(List.of("a"), false, json));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
