package io.paydr.ingest.payload;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.RecordDigest;
import java.nio.charset.StandardCharsets;

/**
 * Writes verified records as the staged object of their payload ({@link StagedRows}), computing the record chain
 * as it goes. The lines are the function's own rendering of records it validated, so what COPY reads has one
 * timestamp form and no field the contract does not know; the chain lets the load transaction prove that what
 * Redshift staged is exactly this.
 */
final class StagingWriter {
    private final StagingOutput out;
    private final NdjsonWriter writer;
    private final RecordDigest digest = new RecordDigest();
    private final String prefix;
    private String chain;
    private long line;

    /** @param payloadSha256 the payload's identity, written on every line */
    StagingWriter(String payloadSha256, StagingOutput out) {
        this.out = out;
        this.writer = NdjsonWriter.open(out, ContentEncoding.IDENTITY);
        this.prefix = ",\"payload_sha256\":\"" + payloadSha256 + "\",\"line_no\":";
    }

    void add(PaymentTransaction record) {
        chain = digest.chain(chain, record);
        String members = prefix + line + ",\"chain_sha256\":\"" + chain + "\"";
        writer.write(record, members.getBytes(StandardCharsets.US_ASCII));
        line++;
    }

    /** Ends the staged object of a payload that verified. */
    Staged finish() {
        writer.close();
        return out.finish(chain);
    }

    /** Drops the staged object of a payload that did not verify. */
    void abort() {
        out.abort();
    }
}
