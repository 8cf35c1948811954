package io.paydr.devstack.redshift.internal;

/** A statement that cannot run as written; its message becomes the statement's Error. */
public final class StatementFailure extends Exception {

    public StatementFailure(String message) {
        super(message);
    }

    public StatementFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
