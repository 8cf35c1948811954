package io.paydr.devstack.redshift.internal;

/** The Data API's statement lifecycle: SUBMITTED, then STARTED, then one of the three final states. */
public enum StatementStatus {
    SUBMITTED, STARTED, FINISHED, FAILED, ABORTED;

    public boolean isFinal() {
        return this == FINISHED || this == FAILED || this == ABORTED;
    }
}
