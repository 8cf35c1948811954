package io.paydr.ingest.payload;

import io.paydr.contract.InboundMessage;
import io.paydr.aws.TableName;

/**
 * A message that passed screening: its parsed form, the table its dataset loads into, and the payload key that
 * identifies the payload in the ledger (the S3 object key, or {@code inline/<batchId>} for an inline payload).
 */
public record PayloadRequest(ReceivedMessage message, InboundMessage inbound, TableName table, String payloadKey) {
}
