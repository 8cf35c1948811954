package io.paydr.ingest.payload;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.RecordDigest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes verified records as the staged object of their payload ({@link StagedRows}), computing the record chain
 * as it goes. The lines are the function's own rendering of records it validated, so what COPY reads has one
 * timestamp form and no field the contract does not know; the chain lets the load transaction prove that what
 * Redshift staged is exactly this.
 */
final class StagingWriter {
    private final Buffer out = new Buffer();
    private final NdjsonWriter writer = NdjsonWriter.open(out, ContentEncoding.IDENTITY);
    private final RecordDigest digest = new RecordDigest();
    private final String prefix;
    private String chain;
    private long line;

    /** @param payloadSha256 the payload's identity, written on every line */
    StagingWriter(String payloadSha256) {
        this.prefix = ",\"payload_sha256\":\"" + payloadSha256 + "\",\"line_no\":";
    }

    void add(PaymentTransaction record) {
        chain = digest.chain(chain, record);
        String members = prefix + line + ",\"chain_sha256\":\"" + chain + "\"";
        writer.write(record, members.getBytes(StandardCharsets.US_ASCII));
        line++;
    }

    StagedRows finish() {
        writer.close();
        return new StagedRows(out.array(), out.size(), chain, line);
    }

    /** Exposes its array, so the staged bytes are never copied once more. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] array() {
            return buf;
        }
    }
}
