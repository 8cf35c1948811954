package io.paydr.devstack.redshift.internal.copy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The byte-level converter against the Jackson-based one it replaced: thousands of generated documents (every
 * escape, control characters, backslashes, quotes, 2-4 byte UTF-8, numbers in every JSON form, literals, nested
 * values, unknown and repeated keys, keys in any case, CR/LF line breaks) must give the same COPY text and the
 * same row lines; malformed documents must fail in both, on the same line.
 */
class JsonRowConverterDifferentialTest {

    private static final List<String> COLUMNS = List.of("id", "name", "amount", "payload", "Mixed");
    private static final String[] KEYS = {"id", "ID", "name", "Name", "amount", "payload", "mixed", "Mixed", "other", "na\\u006de", "é", "q\\\\", "q\\\"x"};

    @Test
    void writesWhatTheJacksonConverterWroteForGeneratedDocuments() throws Exception {
        Random random = new Random(20261125);
        for (int doc = 0; doc < 1500; doc++) {
            byte[] json = document(random).getBytes(StandardCharsets.UTF_8);
            for (boolean ignoreCase : new boolean[] {false, true}) {
                Result expected = jackson(json, ignoreCase);
                assertEquals(expected, scanner(new ByteArrayInputStream(json), ignoreCase),
                        () -> "document " + new String(json, StandardCharsets.UTF_8) + " ignorecase " + ignoreCase);
                assertEquals(expected, scanner(new OneByteAtATime(json), ignoreCase), "every token and UTF-8 sequence split across reads");
            }
        }
    }

    @Test
    void malformedDocumentsFailOnTheSameLineAsInJackson() throws Exception {
        String[] malformed = {
            "{\"id\":\"a\"}\n{\"id\":\"unterminated}\n",
            "{\"id\":1,}\n",
            "{\"id\" 1}\n",
            "{\"id\":01}\n",
            "{\"id\":1.}\n",
            "{\"id\":-}\n",
            "{\"id\":1e}\n",
            "{\"id\":tru}\n",
            "{\"id\":nul}\n",
            "\n\n{\"id\":\"raw\ttab\"}\n",
            "{\"id\":\"bad \\x escape\"}\n",
            "{\"id\":\"\\u12\"}\n",
            "{\"id\":[1,2}\n",
            "{\"other\":{\"a\":1 \"b\":2}}\n",
            "{id:1}\n",
            "{\"id\":1}\n\n[1]\n",
            "{\"id\":1}\n\"text\"\n",
            "{\"id\":1\n",
        };
        for (String doc : malformed) {
            byte[] json = doc.getBytes(StandardCharsets.UTF_8);
            int jacksonLine = jacksonFailureLine(json);
            JsonRowConverter.BadJson e = assertThrows(JsonRowConverter.BadJson.class, () -> scanner(json, false), doc);
            assertEquals(jacksonLine, e.line(), () -> doc + " -> " + e.getMessage());
        }
    }

    /** Hands out one byte per read, as a slow network might. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int next;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (next == bytes.length) {
                return -1;
            }
            b[off] = bytes[next++];
            return 1;
        }
    }

    private record Result(String copyText, List<Integer> lines) {
    }

    private static Result jackson(byte[] json, boolean ignoreCase) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CharCopyTextBuffer buffer = new CharCopyTextBuffer((bytes, length) -> out.write(bytes, 0, length));
        List<Integer> lines = new ArrayList<>();
        new JacksonRowConverter(COLUMNS, ignoreCase, buffer).convert(new ByteArrayInputStream(json), lines::add);
        buffer.flush();
        return new Result(out.toString(StandardCharsets.UTF_8), lines);
    }

    private static Result scanner(byte[] json, boolean ignoreCase) throws Exception {
        return scanner(new ByteArrayInputStream(json), ignoreCase);
    }

    private static Result scanner(InputStream json, boolean ignoreCase) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyTextBuffer buffer = new CopyTextBuffer((bytes, length) -> out.write(bytes, 0, length));
        List<Integer> lines = new ArrayList<>();
        new JsonRowConverter(COLUMNS, ignoreCase, null, buffer).convert(json, lines::add);
        buffer.flush();
        return new Result(out.toString(StandardCharsets.UTF_8), lines);
    }

    private static int jacksonFailureLine(byte[] json) {
        try {
            jackson(json, false);
        } catch (JacksonRowConverter.BadJson e) {
            return e.line;
        } catch (JsonProcessingException e) {
            return e.getLocation().getLineNr();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
        throw new AssertionError("Jackson accepted " + new String(json, StandardCharsets.UTF_8));
    }

    private static String document(Random r) {
        StringBuilder sb = new StringBuilder();
        int objects = 1 + r.nextInt(4);
        for (int o = 0; o < objects; o++) {
            sb.append(space(r)).append('{').append(space(r));
            int members = r.nextInt(6);
            for (int m = 0; m < members; m++) {
                if (m > 0) {
                    sb.append(',').append(space(r));
                }
                sb.append('"').append(KEYS[r.nextInt(KEYS.length)]).append('"').append(space(r)).append(':').append(space(r));
                value(r, sb, 0);
                sb.append(space(r));
            }
            sb.append('}').append(r.nextInt(3) == 0 ? "" : r.nextBoolean() ? "\n" : "\r\n");
        }
        return sb.toString();
    }

    private static void value(Random r, StringBuilder sb, int depth) {
        switch (r.nextInt(depth < 3 ? 8 : 6)) {
            case 0, 1, 2 -> string(r, sb);
            case 3 -> sb.append(number(r));
            case 4 -> sb.append(r.nextBoolean() ? "true" : r.nextBoolean() ? "false" : "null");
            case 5 -> sb.append(r.nextBoolean() ? "0" : "-12.5E+3");
            case 6 -> {
                sb.append('[').append(space(r));
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," + space(r) : "");
                    value(r, sb, depth + 1);
                }
                sb.append(space(r)).append(']');
            }
            default -> {
                sb.append('{').append(space(r));
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append("\"k").append(i).append("\"").append(space(r)).append(':');
                    value(r, sb, depth + 1);
                }
                sb.append('}');
            }
        }
    }

    private static void string(Random r, StringBuilder sb) {
        sb.append('"');
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(12)) {
                case 0 -> sb.append("\\\\");
                case 1 -> sb.append("\\\"");
                case 2 -> sb.append(new String[] {"\\t", "\\n", "\\r", "\\b", "\\f", "\\/"}[r.nextInt(6)]);
                case 3 -> sb.append(String.format("\\u%04x", r.nextInt(0x20)));
                case 4 -> sb.append(String.format("\\u%04X", 0x80 + r.nextInt(0xD000)));
                case 5 -> sb.append("\\ud83d\\ude00");
                case 6 -> sb.append(new String[] {"é", "ß", "✓", "€", "\uD83D\uDE00", "中"}[r.nextInt(6)]);
                default -> {
                    char c = (char) (0x20 + r.nextInt(0x5F));
                    sb.append(c == '"' || c == '\\' ? 'x' : c);
                }
            }
        }
        sb.append('"');
    }

    private static String number(Random r) {
        String n = (r.nextBoolean() ? "-" : "") + (r.nextInt(4) == 0 ? "0" : String.valueOf(1 + r.nextInt(1_000_000)));
        if (r.nextBoolean()) {
            n += "." + r.nextInt(1000);
        }
        if (r.nextInt(4) == 0) {
            n += (r.nextBoolean() ? "e" : "E") + new String[] {"", "+", "-"}[r.nextInt(3)] + r.nextInt(30);
        }
        return n;
    }

    private static String space(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\t ";
            case 2 -> "\n  ";
            default -> "";
        };
    }
}
