package io.paydr.contract;

/** Where a payload lives in S3. */
public record PayloadPointer(String bucket, String key) {

    public PayloadPointer {
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty()) {
            throw new IllegalArgumentException("pointer needs a non-empty bucket and key");
        }
    }

    public String s3Uri() {
        return "s3://" + bucket + "/" + key;
    }
}
