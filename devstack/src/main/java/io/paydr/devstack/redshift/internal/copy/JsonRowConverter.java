package io.paydr.devstack.redshift.internal.copy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redshift's JSON 'auto' as a stream: reads a sequence of JSON objects (JSON Lines or concatenated) and writes
 * one COPY text row per object. Top-level keys match column names exactly ('auto') or case-insensitively
 * ('auto ignorecase'); missing keys and JSON null load NULL; unknown keys are skipped (still validated); a
 * nested object or array aimed at a column loads as its compact JSON text. Strings and numbers pass through
 * as the bytes they were written in, escaped for COPY text; PostgreSQL does the typing, so a wrong type fails
 * the load with PostgreSQL's message for that row.
 */
public final class JsonRowConverter {

    /** Thrown for input that is not a sequence of JSON objects; carries the line it was found on. */
    public static final class BadJson extends Exception {
        final int line;

        BadJson(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Receives the source line of each row, in order, so COPY errors can name where the row came from. */
    @FunctionalInterface
    public interface LineRecorder {
        void record(int line);
    }

    private static final int NOT_A_COLUMN = -1;
    private static final int CACHED_POSITIONS = 32;
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Integer> columnByName = new HashMap<>();
    private final boolean ignoreCase;
    private final byte[] invalidUtf8Replacement;
    private final CopyTextBuffer out;
    private final ByteRun key = new ByteRun();
    private final ByteRun values = new ByteRun();
    private final int[] starts;
    private final int[] ends;
    private final byte[][] lastKeys = new byte[CACHED_POSITIONS][];
    private final int[] lastColumns = new int[CACHED_POSITIONS];

    /**
     * @param columns                the JSON key each column takes, in COPY column order
     * @param invalidCharReplacement ACCEPTINVCHARS: replaces each invalid UTF-8 sequence; null fails the load
     */
    public JsonRowConverter(List<String> columns, boolean ignoreCase, String invalidCharReplacement, CopyTextBuffer out) {
        this.ignoreCase = ignoreCase;
        for (int i = 0; i < columns.size(); i++) {
            columnByName.put(ignoreCase ? columns.get(i).toLowerCase(Locale.ROOT) : columns.get(i), i);
        }
        this.invalidUtf8Replacement = invalidCharReplacement == null ? null : invalidCharReplacement.getBytes(StandardCharsets.UTF_8);
        this.starts = new int[columns.size()];
        this.ends = new int[columns.size()];
        this.out = out;
    }

    /**
     * Converts every object in {@code in}; calls {@code rowLines} with the line each row started on.
     * Returns the number of rows written.
     */
    public long convert(InputStream in, LineRecorder rowLines) throws IOException, SQLException, BadJson {
        JsonScanner json = new JsonScanner(in, invalidUtf8Replacement);
        long rows = 0;
        int c;
        while ((c = json.peekToken()) != JsonScanner.END) {
            if (c != '{') {
                throw new BadJson(json.line(), "expected a JSON object but found " + JsonScanner.describe(c));
            }
            int line = json.line();
            json.skipPeeked();
            readObject(json);
            writeRow();
            rowLines.record(line);
            rows++;
        }
        return rows;
    }

    private void readObject(JsonScanner json) throws IOException, BadJson {
        values.clear();
        Arrays.fill(ends, -1);
        if (json.peekToken() == '}') {
            json.skipPeeked();
            return;
        }
        int position = 0;
        while (true) {
            json.expect('"', "a key in quotes");
            int column = column(json, position++);
            json.expect(':', "':' after a key");
            if (column == NOT_A_COLUMN) {
                json.skipValue();
            } else {
                value(json, column);
            }
            int c = json.peekToken();
            json.skipPeeked();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw json.invalid("expected ',' or '}' after a value but found " + JsonScanner.describe(c));
            }
        }
    }

    /** Stores the value for {@code column} as COPY text; a repeated key overrides, as it did in Jackson. */
    private void value(JsonScanner json, int column) throws IOException, BadJson {
        int c = json.peekToken();
        int start = values.length;
        switch (c) {
            case '"' -> {
                json.skipPeeked();
                json.string(values, true);
            }
            case 'n' -> {
                json.literal("null");
                ends[column] = -1;
                return;
            }
            case 't' -> {
                json.literal("true");
                values.write(TRUE, 0, TRUE.length);
            }
            case 'f' -> {
                json.literal("false");
                values.write(FALSE, 0, FALSE.length);
            }
            case '{', '[' -> NestedJson.writeCompact(json.rawStructure(), invalidUtf8Replacement, values);
            default -> {
                if (c != '-' && (c < '0' || c > '9')) {
                    throw json.invalid("expected a value but found " + JsonScanner.describe(c));
                }
                json.number(values);
            }
        }
        starts[column] = start;
        ends[column] = values.length;
    }

    private void writeRow() throws SQLException {
        for (int i = 0; i < ends.length; i++) {
            if (i > 0) {
                out.separator();
            }
            if (ends[i] < 0) {
                out.nullValue();
            } else {
                out.append(values.bytes, starts[i], ends[i] - starts[i]);
            }
        }
        out.endRow();
    }

    /**
     * Rows of one file usually list their keys in the same order, so the input is first compared with the key
     * seen at the same position in the previous row (raw bytes and closing quote); only a different key is
     * decoded and looked up. Keys with a backslash or quote are never cached: their raw bytes differ from
     * their decoded ones.
     */
    private int column(JsonScanner json, int position) throws IOException, BadJson {
        byte[] cached = position < CACHED_POSITIONS ? lastKeys[position] : null;
        if (cached != null && json.skipIfNext(cached)) {
            return lastColumns[position];
        }
        key.clear();
        json.string(key, false);
        String name = new String(key.bytes, 0, key.length, StandardCharsets.UTF_8);
        int c = columnByName.getOrDefault(ignoreCase ? name.toLowerCase(Locale.ROOT) : name, NOT_A_COLUMN);
        if (position < CACHED_POSITIONS) {
            lastKeys[position] = cacheable(key) ? quoted(key) : null;
            lastColumns[position] = c;
        }
        return c;
    }

    private static boolean cacheable(ByteRun key) {
        for (int i = 0; i < key.length; i++) {
            byte b = key.bytes[i];
            if (b == '\\' || b == '"' || (b >= 0 && b < 0x20)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] quoted(ByteRun key) {
        byte[] q = Arrays.copyOf(key.bytes, key.length + 1);
        q[key.length] = '"';
        return q;
    }
}
