package io.paydr.ingest.load;

/**
 * The verified rows of one payload as the function wrote them for COPY: an NDJSON object in this Region's staging
 * bucket whose lines carry the payload's identity, their line number and their row_sha256. {@code rowsDigest} is the
 * payload's {@link io.paydr.contract.RowsDigest}, which the load transaction recomputes from the staged rows before
 * anything is merged.
 */
public record StagedObject(String bucket, String key, String rowsDigest) {
    public String s3Url() {
        return "s3://" + bucket + "/" + key;
    }
}
