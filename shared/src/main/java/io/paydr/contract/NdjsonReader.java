package io.paydr.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JacksonException;

import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams v1 records out of a JSON Lines payload (optionally gzip) with one Jackson parser over the stream: memory
 * stays flat whatever the payload size. Strict: exactly one object per line, exactly the seven fields, the right
 * JSON types (amount_minor a JSON integer in signed 64-bit range, never a float), occurred_at in the
 * {@code 2026-11-25T16:38:15.123Z} form; blank lines are errors. Broken syntax or types raise
 * {@link MalformedPayloadException} with reason MALFORMED_PAYLOAD, broken field rules with SCHEMA_VIOLATION.
 * I/O errors of the underlying stream (other than corrupt gzip) are rethrown as {@link UncheckedIOException}: they are
 * transient, not a verdict on the payload. Exception details never echo payload contents. Not thread-safe.
 */
public final class NdjsonReader implements Iterator<PaymentTransaction>, AutoCloseable {

    private static final int GZIP_BUFFER = 64 * 1024;
    private static final int ALL_FIELDS = (1 << 7) - 1;
    private static final String INVALID_JSON = "not valid JSON or beyond the size limits";
    private static final String CORRUPT_GZIP = "corrupt or truncated gzip data";
    private static final String NOT_UTF8 = "payload is not UTF-8 JSON Lines (byte-order mark or NUL bytes)";
    private static final int ENCODING_SNIFF = 4;
    private static final String TIMESTAMP_SHAPE = "dddd-dd-ddTdd:dd:dd.dddZ";

    private final JsonParser parser;
    private final TimestampFormat timestamps = new TimestampFormat();
    private PaymentTransaction next;
    private long lines;
    private boolean finished;
    /** The token after the last record was already read (to check that the record was alone on its line). */
    private boolean lookahead;
    private MalformedPayloadException pendingError;

    private NdjsonReader(JsonParser parser) {
        this.parser = parser;
    }

    public static NdjsonReader open(InputStream in, ContentEncoding encoding) {
        Objects.requireNonNull(in, "in");
        try {
            InputStream source = encoding == ContentEncoding.GZIP ? new GZIPInputStream(in, GZIP_BUFFER) : in;
            return new NdjsonReader(WireJson.RECORDS.createParser(requireUtf8Start(source)));
        } catch (ZipException | EOFException e) {
            throw new MalformedPayloadException(ReasonCode.MALFORMED_PAYLOAD, 1, "not valid gzip data", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Jackson guesses UTF-16/32 from a byte-order mark or NUL bytes at the start and would then decode such a
     * payload; v1 is UTF-8 only (as COPY reads it), and neither can start a UTF-8 JSON Lines payload.
     */
    private static InputStream requireUtf8Start(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, ENCODING_SNIFF);
        byte[] start = pushback.readNBytes(ENCODING_SNIFF);
        boolean bom = start.length >= 2 && ((start[0] & 0xFF) == 0xFE || (start[0] & 0xFF) == 0xFF)
                || start.length >= 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB;
        for (byte b : start) {
            if (b == 0 || bom) {
                throw new MalformedPayloadException(ReasonCode.MALFORMED_PAYLOAD, 1, NOT_UTF8);
            }
        }
        pushback.unread(start);
        return pushback;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = readRecord();
            finished = next == null;
        }
        return next != null;
    }

    @Override
    public PaymentTransaction next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        PaymentTransaction r = next;
        next = null;
        return r;
    }

    /** Number of lines (records) read so far. */
    public long linesRead() {
        return lines;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PaymentTransaction readRecord() {
        long line = lines + 1;
        if (pendingError != null) {
            throw pendingError;
        }
        try {
            JsonToken t = lookahead ? parser.currentToken() : parser.nextToken();
            if (t == null) {
                return null;
            }
            requireStartsOnLine(line);
            if (t != JsonToken.START_OBJECT) {
                throw malformed(line, "a line must hold one JSON object");
            }
            PaymentTransaction r = readFields(line);
            requireOnLine(line, "a record must fit on one line");
            requireNothingElseOnLine(line);
            lines = line;
            requireValid(line, r);
            return r;
        } catch (MalformedPayloadException e) {
            throw e;
        } catch (JacksonException e) {
            // not chained: Jackson's messages quote the offending input, which may be payload contents
            throw malformed(line, INVALID_JSON);
        } catch (ZipException | EOFException e) {
            throw malformed(line, CORRUPT_GZIP, e);
        } catch (CharConversionException e) {
            throw malformed(line, NOT_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PaymentTransaction readFields(long line) throws IOException {
        String transactionId = null;
        String merchantId = null;
        long amountMinor = 0;
        String currency = null;
        String status = null;
        Instant occurredAt = null;
        String sourceRegion = null;
        int seen = 0;
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            int field = switch (name) {
                case "transaction_id" -> { transactionId = string(line, name, value); yield 0; }
                case "merchant_id" -> { merchantId = string(line, name, value); yield 1; }
                case "amount_minor" -> { amountMinor = integer(line, value); yield 2; }
                case "currency" -> { currency = string(line, name, value); yield 3; }
                case "status" -> { status = string(line, name, value); yield 4; }
                case "occurred_at" -> { occurredAt = timestamp(line, value); yield 5; }
                case "source_region" -> { sourceRegion = string(line, name, value); yield 6; }
                default -> throw malformed(line, "unknown field (v1 has exactly seven fields)");
            };
            if ((seen & 1 << field) != 0) {
                throw malformed(line, "duplicate field " + name);
            }
            seen |= 1 << field;
        }
        if (t != JsonToken.END_OBJECT) {
            throw malformed(line, "not valid JSON");
        }
        if (seen != ALL_FIELDS) {
            throw malformed(line, "missing field(s): v1 records have exactly seven fields");
        }
        return new PaymentTransaction(transactionId, merchantId, amountMinor, currency, toStatus(line, status),
                occurredAt, sourceRegion);
    }

    private String string(long line, String field, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw malformed(line, "field " + field + " must be a JSON string");
        }
        return parser.getText();
    }

    private long integer(long line, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(line, "field amount_minor must be a JSON integer (minor units, never a float)");
        }
        JsonParser.NumberType type = parser.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw malformed(line, "field amount_minor is outside the signed 64-bit range");
        }
        return parser.getLongValue();
    }

    /** Read from the parser's buffer: a String per record and Instant.parse cost more than the rest of a record. */
    private Instant timestamp(long line, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw malformed(line, "field occurred_at must be a JSON string");
        }
        char[] text = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        if (!hasTimestampShape(text, offset, parser.getTextLength())) {
            throw malformed(line, "field occurred_at must look like 2026-11-25T16:38:15.123Z (UTC, millis)");
        }
        if (TimestampFormat.isLeapSecondOrEndOfDay(text, offset)) {
            // Java reads 23:59:60 as 23:59:59 and 24:00 as the next day; Redshift refuses one and reads the other
            // its own way: the sender's meaning is ambiguous, so neither is loaded
            throw new MalformedPayloadException(ReasonCode.SCHEMA_VIOLATION, line,
                    "field occurred_at must be a time of day from 00:00:00.000 to 23:59:59.999 (no leap second, no"
                            + " 24:00)");
        }
        try {
            return timestamps.parse(text, offset);
        } catch (DateTimeException e) {
            throw malformed(line, "field occurred_at is not a valid date and time");
        }
    }

    /** Exactly {@code dddd-dd-ddTdd:dd:dd.dddZ}; Instant.parse alone would also accept other precisions. */
    private static boolean hasTimestampShape(char[] text, int offset, int length) {
        if (length != TIMESTAMP_SHAPE.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char expected = TIMESTAMP_SHAPE.charAt(i);
            char c = text[offset + i];
            if (expected == 'd' ? c < '0' || c > '9' : c != expected) {
                return false;
            }
        }
        return true;
    }

    private static PaymentStatus toStatus(long line, String status) {
        for (PaymentStatus s : PaymentStatus.values()) {
            if (s.name().equals(status)) {
                return s;
            }
        }
        throw new MalformedPayloadException(ReasonCode.SCHEMA_VIOLATION, line,
                "field status " + PaymentValidator.RULE_STATUS);
    }

    private static void requireValid(long line, PaymentTransaction r) {
        List<Violation> violations = PaymentValidator.validate((int) Math.min(Integer.MAX_VALUE, line - 1), r);
        if (!violations.isEmpty()) {
            Violation v = violations.get(0);
            throw new MalformedPayloadException(ReasonCode.SCHEMA_VIOLATION, line,
                    "field " + v.field() + " " + v.rule());
        }
    }

    /** A record on an earlier line shares a line; one on a later line follows a blank line. Both are errors. */
    private void requireStartsOnLine(long line) {
        long actual = parser.currentTokenLocation().getLineNr();
        if (actual != line) {
            throw malformed(Math.min(actual, line), "one record per line, no blank lines");
        }
    }

    /**
     * Reads the token after the record: it must be on a later line. A broken next line is remembered and raised
     * by the next read, so that this record is still delivered first.
     */
    private void requireNothingElseOnLine(long line) throws IOException {
        JsonToken after;
        lookahead = true;
        try {
            after = parser.nextToken();
        } catch (JacksonException e) {
            pendingError = malformed(line + 1, INVALID_JSON);
            return;
        } catch (ZipException | EOFException e) {
            pendingError = malformed(line + 1, CORRUPT_GZIP);
            return;
        } catch (CharConversionException e) {
            pendingError = malformed(line + 1, NOT_UTF8);
            return;
        }
        if (after != null && parser.currentTokenLocation().getLineNr() == line) {
            throw malformed(line, "one record per line, no blank lines");
        }
    }

    private void requireOnLine(long line, String rule) {
        if (parser.currentTokenLocation().getLineNr() != line) {
            throw malformed(line, rule);
        }
    }

    private static MalformedPayloadException malformed(long line, String detail) {
        return new MalformedPayloadException(ReasonCode.MALFORMED_PAYLOAD, line, detail);
    }

    private static MalformedPayloadException malformed(long line, String detail, Throwable cause) {
        return new MalformedPayloadException(ReasonCode.MALFORMED_PAYLOAD, line, detail, cause);
    }
}
