package io.paydr.ingest.payload;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.RecordDigest;
import io.paydr.contract.RowsDigest;
import java.nio.charset.StandardCharsets;

/**
 * Writes verified records as the staged object of their payload ({@link StagedRows}), each line with its
 * row_sha256, computing the payload's {@link RowsDigest} as it goes. The lines are the function's own rendering of
 * records it validated, so what COPY reads has one timestamp form and no field the contract does not know; the
 * digest lets the load transaction prove that what Redshift staged is exactly this.
 */
final class StagingWriter {
    private final StagingOutput out;
    private final NdjsonWriter writer;
    private final RecordDigest digest = new RecordDigest();
    private final String prefix;
    private final RowsDigest rows = new RowsDigest();
    private long line;

    /** @param payloadSha256 the payload's identity, written on every line */
    StagingWriter(String payloadSha256, StagingOutput out) {
        this.out = out;
        this.writer = NdjsonWriter.open(out, ContentEncoding.IDENTITY);
        this.prefix = ",\"payload_sha256\":\"" + payloadSha256 + "\",\"line_no\":";
    }

    void add(PaymentTransaction record) {
        String rowSha256 = digest.rowSha256(record);
        rows.add(rowSha256);
        String members = prefix + line + ",\"row_sha256\":\"" + rowSha256 + "\"";
        writer.write(record, members.getBytes(StandardCharsets.US_ASCII));
        line++;
    }

    /** Ends the staged object of a payload that verified. */
    Staged finish() {
        writer.close();
        return out.finish(rows.finish());
    }

    /** Drops the staged object of a payload that did not verify. */
    void abort() {
        out.abort();
    }
}
