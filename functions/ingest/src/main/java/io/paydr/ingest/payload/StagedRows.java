package io.paydr.ingest.payload;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * The staged object of a payload small enough to hold (one part or less): NDJSON lines with the contract's seven
 * fields plus {@code payload_sha256} (the payload's identity), {@code line_no} and {@code row_sha256}; {@code rowsDigest}
 * is the payload's {@link io.paydr.contract.RowsDigest}.
 */
public record StagedRows(byte[] buffer, int length, String rowsDigest) {
    /** A fresh stream over the bytes, without copying them (the SDK may ask again to retry an upload). */
    public InputStream open() {
        return new ByteArrayInputStream(buffer, 0, length);
    }
}
