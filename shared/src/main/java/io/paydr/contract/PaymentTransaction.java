package io.paydr.contract;

import java.time.Instant;

/**
 * One payment event of the v1 contract. Plain data: the record accepts any values so that invalid input can be
 * represented and reported all at once by {@link PaymentValidator}. Amounts are signed integer minor units.
 * {@code occurredAt} travels with millisecond precision; finer digits are truncated on the wire.
 */
public record PaymentTransaction(String transactionId, String merchantId, long amountMinor, String currency,
                                 PaymentStatus status, Instant occurredAt, String sourceRegion) {
}
