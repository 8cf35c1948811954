package io.paydr.ingest.payload;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * The staged object of a payload small enough to hold (one part or less): NDJSON lines with the contract's seven
 * fields plus {@code payload_sha256} (the payload's identity), {@code line_no} and {@code chain_sha256} (the line's
 * link of the record chain, {@link io.paydr.contract.RecordDigest}).
 */
public record StagedRows(byte[] buffer, int length, String lastChain) {
    /** A fresh stream over the bytes, without copying them (the SDK may ask again to retry an upload). */
    public InputStream open() {
        return new ByteArrayInputStream(buffer, 0, length);
    }
}
