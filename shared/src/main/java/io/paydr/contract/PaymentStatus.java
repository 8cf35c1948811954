package io.paydr.contract;

/** Lifecycle status of a payment event; the names are the wire values. */
public enum PaymentStatus {
    AUTHORIZED, CAPTURED, REFUNDED, DECLINED, CHARGEBACK
}
