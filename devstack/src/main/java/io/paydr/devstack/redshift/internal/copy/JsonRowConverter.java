package io.paydr.devstack.redshift.internal.copy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redshift's JSON 'auto' as a stream, on Jackson's streaming parser: reads a sequence of JSON objects (JSON Lines
 * or concatenated) and writes one COPY text row per object. Top-level keys match column names exactly ('auto')
 * or case-insensitively ('auto ignorecase'); missing keys and JSON null load NULL; unknown keys are skipped (still
 * validated); a nested object or array aimed at a column loads as its compact JSON text. Strings and numbers pass
 * through as written, escaped for COPY text; PostgreSQL does the typing, so a wrong type fails the load with
 * PostgreSQL's message for that row. The input is decoded as strict UTF-8 (Java's decoder, which refuses
 * overlong forms, encoded surrogates and code points past U+10FFFF), or with ACCEPTINVCHARS each ill-formed
 * sequence replaced as Java's decoder replaces it; an escaped surrogate must come in a pair.
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

    private static final JsonFactory JSON = new JsonFactory();
    private static final int NOT_A_COLUMN = -1;
    private static final int MAX_CACHED_KEYS = 4096;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Map<String, Integer> columnByKey = new HashMap<>();
    private final Map<String, Integer> columnByName = new HashMap<>();
    private final boolean ignoreCase;
    private final String invalidCharReplacement;
    private final String[] lastKeys = new String[32];
    private final int[] lastColumns = new int[32];
    private final char[][] values;
    private final int[] lengths;
    private final CopyTextBuffer out;

    /**
     * @param columns                the JSON key each column takes, in COPY column order
     * @param invalidCharReplacement ACCEPTINVCHARS: replaces each invalid UTF-8 sequence; null fails the load
     */
    public JsonRowConverter(List<String> columns, boolean ignoreCase, String invalidCharReplacement,
                            CopyTextBuffer out) {
        this.ignoreCase = ignoreCase;
        for (int i = 0; i < columns.size(); i++) {
            columnByName.put(ignoreCase ? columns.get(i).toLowerCase(Locale.ROOT) : columns.get(i), i);
        }
        this.invalidCharReplacement = invalidCharReplacement;
        this.values = new char[columns.size()][64];
        this.lengths = new int[columns.size()];
        this.out = out;
    }

    /**
     * Converts every object in {@code in}; calls {@code rowLines} with the line each row started on.
     * Returns the number of rows written.
     */
    public long convert(InputStream in, LineRecorder rowLines) throws IOException, SQLException, BadJson {
        PushbackReader text = new PushbackReader(new Utf8Reader(in, decoder()), 1);
        try (JsonParser p = JSON.createParser(text)) {
            try {
                int first = text.read();
                if (first >= 0 && first != BYTE_ORDER_MARK) {
                    text.unread(first);
                }
                return convert(p, rowLines);
            } catch (CharacterCodingException e) {
                throw new BadJson(line(p.currentLocation()), "invalid UTF-8 in the input: " + e);
            } catch (JsonProcessingException e) {
                throw new BadJson(line(e.getLocation()), "invalid JSON: " + e.getOriginalMessage());
            }
        }
    }

    private CharsetDecoder decoder() {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        if (invalidCharReplacement == null) {
            return decoder.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        return decoder.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(invalidCharReplacement);
    }

    private long convert(JsonParser p, LineRecorder rowLines) throws IOException, SQLException, BadJson {
        long rows = 0;
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            int line = line(p.currentTokenLocation());
            if (t != JsonToken.START_OBJECT) {
                throw new BadJson(line, "expected a JSON object but found " + t.asString());
            }
            readObject(p);
            writeRow();
            rowLines.record(line);
            rows++;
        }
        return rows;
    }

    private void readObject(JsonParser p) throws IOException, BadJson {
        Arrays.fill(lengths, -1);
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
            throw new BadJson(line(p.currentTokenLocation()), "unexpected end of a JSON object");
        }
    }

    /** Stores the value for {@code column} as text; a repeated key overrides. */
    private void store(JsonParser p, JsonToken v, int column) throws IOException, BadJson {
        switch (v) {
            case VALUE_NULL -> lengths[column] = -1;
            case VALUE_STRING -> {
                requirePairedSurrogates(p);
                put(column, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
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

    /** A lone surrogate (from an escape such as \ud83d) has no UTF-8 form: Redshift refuses it, and so do we. */
    private static void requirePairedSurrogates(JsonParser p) throws IOException, BadJson {
        char[] chars = p.getTextCharacters();
        int end = p.getTextOffset() + p.getTextLength();
        for (int i = p.getTextOffset(); i < end; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new BadJson(line(p.currentTokenLocation()), "invalid JSON: unpaired surrogate escape \\u"
                        + Integer.toHexString(c) + " in a string");
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

    private static int line(JsonLocation location) {
        return location == null ? -1 : location.getLineNr();
    }
}
