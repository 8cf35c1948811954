package io.paydr.publisher;

/**
 * What a successful publish wrote and sent.
 *
 * @param batchId      the batch id (generated or given); stable across retries
 * @param bucket       the payload bucket
 * @param key          the payload object key
 * @param bytes        payload bytes as stored (after gzip when enabled) = ExtendedPayloadSize
 * @param sha256       lowercase hex SHA-256 of the stored bytes = payload_sha256
 * @param recordCount  number of records (JSON lines)
 * @param snsMessageId the SNS message id of the pointer message
 */
public record PublishReceipt(String batchId, String bucket, String key, long bytes, String sha256, long recordCount,
                             String snsMessageId) {
}
