package io.paydr.ingest.payload;

/**
 * What verifying one payload may cost, whatever its content.
 *
 * @param maxDecodedBytes     decoded bytes at most (MAX_DECODED_PAYLOAD_BYTES): DECODED_PAYLOAD_TOO_LARGE beyond
 * @param maxCompressionRatio decoded bytes per stored byte at most (MAX_COMPRESSION_RATIO), checked once
 *                            {@link #RATIO_FLOOR_BYTES} are decoded: SUSPICIOUS_COMPRESSION_RATIO beyond
 */
public record VerificationLimits(long maxDecodedBytes, long maxCompressionRatio) {
    /**
     * Redshift's limit on one JSON object in a COPY source is 4 MB; a v1 record is a few hundred bytes, so a longer
     * line can only be padding. Read as 4,000,000 bytes, the stricter reading of "4 MB".
     */
    public static final long MAX_RECORD_BYTES = 4_000_000;
    /** Small payloads compress unevenly; the ratio is judged once this much is decoded. */
    public static final long RATIO_FLOOR_BYTES = 1 << 20;
}
