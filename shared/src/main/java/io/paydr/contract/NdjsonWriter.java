package io.paydr.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Streams records as v1 JSON Lines (one object per line, every line ending in '\n', keys = Redshift column names)
 * to an OutputStream, optionally gzip-compressed. Holds one record at a time. It assumes valid records (validate the
 * batch with {@link PaymentValidator} first) and only refuses null fields. {@link #close()} finishes the gzip
 * trailer and closes the target stream. Not thread-safe.
 */
public final class NdjsonWriter implements Closeable {

    static final DateTimeFormatter OCCURRED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final SerializableString TRANSACTION_ID = new SerializedString("transaction_id");
    private static final SerializableString MERCHANT_ID = new SerializedString("merchant_id");
    private static final SerializableString AMOUNT_MINOR = new SerializedString("amount_minor");
    private static final SerializableString CURRENCY = new SerializedString("currency");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString OCCURRED_AT_NAME = new SerializedString("occurred_at");
    private static final SerializableString SOURCE_REGION = new SerializedString("source_region");
    private static final int GZIP_BUFFER = 64 * 1024;

    private final JsonGenerator generator;
    private long records;

    private NdjsonWriter(JsonGenerator generator) {
        this.generator = generator;
    }

    public static NdjsonWriter open(OutputStream out, ContentEncoding encoding) {
        Objects.requireNonNull(out, "out");
        try {
            OutputStream target = encoding == ContentEncoding.GZIP ? new GZIPOutputStream(out, GZIP_BUFFER) : out;
            JsonGenerator g = WireJson.FACTORY.createGenerator(target);
            g.setRootValueSeparator(null);
            return new NdjsonWriter(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes all records and closes the stream; returns the number of records written. */
    public static long writeAll(Iterable<PaymentTransaction> records, OutputStream out, ContentEncoding encoding) {
        try (NdjsonWriter w = open(out, encoding)) {
            for (PaymentTransaction r : records) {
                w.write(r);
            }
            return w.recordsWritten();
        }
    }

    public void write(PaymentTransaction r) {
        requireComplete(r);
        try {
            generator.writeStartObject();
            generator.writeFieldName(TRANSACTION_ID);
            generator.writeString(r.transactionId());
            generator.writeFieldName(MERCHANT_ID);
            generator.writeString(r.merchantId());
            generator.writeFieldName(AMOUNT_MINOR);
            generator.writeNumber(r.amountMinor());
            generator.writeFieldName(CURRENCY);
            generator.writeString(r.currency());
            generator.writeFieldName(STATUS);
            generator.writeString(r.status().name());
            generator.writeFieldName(OCCURRED_AT_NAME);
            generator.writeString(OCCURRED_AT.format(r.occurredAt()));
            generator.writeFieldName(SOURCE_REGION);
            generator.writeString(r.sourceRegion());
            generator.writeEndObject();
            generator.writeRaw('\n');
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long recordsWritten() {
        return records;
    }

    @Override
    public void close() {
        try {
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireComplete(PaymentTransaction r) {
        Objects.requireNonNull(r, "record");
        if (r.transactionId() == null || r.merchantId() == null || r.currency() == null || r.status() == null
                || r.occurredAt() == null || r.sourceRegion() == null) {
            throw new IllegalArgumentException("record " + records + " has a null field; validate the batch first");
        }
    }
}
