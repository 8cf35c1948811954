package io.paydr.ingest.handler;

/**
 * What one scheduled drain did: messages received and deleted (only after their payloads committed or were found
 * in the ledger), payloads loaded, rows inserted, duplicates skipped, messages left for retry or rejected, the
 * number of load transactions, and whether it stopped because the queue was empty (else the cap or time budget).
 */
public record DrainReport(int received, int deleted, long payloadsLoaded, long payloadsAlreadyLoaded,
                          long rowsInserted, long duplicateRowsSkipped, long rejected, long retried, int transactions,
                          boolean queueEmpty) {
}
