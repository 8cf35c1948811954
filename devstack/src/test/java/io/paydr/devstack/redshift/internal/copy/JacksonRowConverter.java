package io.paydr.devstack.redshift.internal.copy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Jackson-token converter that COPY used before the byte scanner, kept unchanged as the oracle of
 * {@code JsonRowConverterDifferentialTest}: on valid input the new converter must write exactly what this did.
 */
final class JacksonRowConverter {

    /** Thrown for input that is not a sequence of JSON objects; carries the line it was found on. */
    static final class BadJson extends Exception {
        final int line;

        BadJson(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final int NOT_A_COLUMN = -1;
    private static final int MAX_CACHED_KEYS = 4096;

    private final Map<String, Integer> columnByKey = new HashMap<>();
    private final Map<String, Integer> columnByName = new HashMap<>();
    private final boolean ignoreCase;
    private final String[] lastKeys = new String[32];
    private final int[] lastColumns = new int[32];
    private final char[][] values;
    private final int[] lengths;
    private final CharCopyTextBuffer out;

    JacksonRowConverter(List<String> columns, boolean ignoreCase, CharCopyTextBuffer out) {
        this.ignoreCase = ignoreCase;
        for (int i = 0; i < columns.size(); i++) {
            columnByName.put(ignoreCase ? columns.get(i).toLowerCase(Locale.ROOT) : columns.get(i), i);
        }
        this.values = new char[columns.size()][64];
        this.lengths = new int[columns.size()];
        this.out = out;
    }

    /**
     * Converts every object in {@code in}; calls {@code rowLines} with the line each row started on.
     * Returns the number of rows written.
     */
    long convert(InputStream in, LineRecorder rowLines) throws IOException, SQLException, BadJson {
        return convert(JSON.createParser(in), rowLines);
    }

    /** As {@link #convert(InputStream, LineRecorder)}, for text already decoded (ACCEPTINVCHARS). */
    long convert(Reader in, LineRecorder rowLines) throws IOException, SQLException, BadJson {
        return convert(JSON.createParser(in), rowLines);
    }

    private long convert(JsonParser parser, LineRecorder rowLines) throws IOException, SQLException, BadJson {
        long rows = 0;
        try (JsonParser p = parser) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new BadJson(line, "expected a JSON object but found " + t.asString());
                }
                readObject(p);
                writeRow();
                rowLines.record(line);
                rows++;
            }
        }
        return rows;
    }

    /** Receives the source line of each row, in order, so COPY errors can name where the row came from. */
    @FunctionalInterface
    interface LineRecorder {
        void record(int line);
    }

    private void readObject(JsonParser p) throws IOException, BadJson {
        java.util.Arrays.fill(lengths, -1);
        JsonToken t;
        int position = 0;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            int column = column(p.currentName(), position++);
            JsonToken v = p.nextToken();
            if (column == NOT_A_COLUMN) {
                p.skipChildren();
            } else {
                store(p, v, column);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new BadJson(p.currentTokenLocation().getLineNr(), "unexpected end of a JSON object");
        }
    }

    private void store(JsonParser p, JsonToken v, int column) throws IOException {
        switch (v) {
            case VALUE_NULL -> lengths[column] = -1;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                    put(column, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            default -> {
                StringWriter json = new StringWriter();
                try (JsonGenerator g = JSON.createGenerator(json)) {
                    g.copyCurrentStructure(p);
                }
                char[] text = json.toString().toCharArray();
                put(column, text, 0, text.length);
            }
        }
    }

    private void put(int column, char[] chars, int offset, int length) {
        if (values[column].length < length) {
            values[column] = new char[Math.max(length, values[column].length * 2)];
        }
        System.arraycopy(chars, offset, values[column], 0, length);
        lengths[column] = length;
    }

    private void writeRow() throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.separator();
            }
            if (lengths[i] < 0) {
                out.nullValue();
            } else {
                out.value(values[i], 0, lengths[i]);
            }
        }
        out.endRow();
    }

    /**
     * Rows of one file usually list their keys in the same order, and Jackson interns key strings, so the
     * key seen at the same position in the previous row is checked by identity before any map lookup.
     */
    private int column(String key, int position) {
        if (position < lastKeys.length && lastKeys[position] == key) {
            return lastColumns[position];
        }
        int c = lookup(key);
        if (position < lastKeys.length) {
            lastKeys[position] = key;
            lastColumns[position] = c;
        }
        return c;
    }

    /** Each distinct key is resolved once and then found by a plain lookup. */
    private int lookup(String key) {
        Integer c = columnByKey.get(key);
        if (c == null) {
            c = columnByName.getOrDefault(ignoreCase ? key.toLowerCase(Locale.ROOT) : key, NOT_A_COLUMN);
            if (columnByKey.size() < MAX_CACHED_KEYS) {
                columnByKey.put(key, c);
            }
        }
        return c;
    }
}
