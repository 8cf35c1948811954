package io.paydr.aws;

/**
 * A Data API call or statement that did not succeed, classified by what the caller should do about it:
 * TRANSIENT - retry later (throttling, too many active statements, timeouts, connection trouble);
 * STATEMENT_FAILED - the SQL failed and its transaction rolled back (look for the payload that causes it);
 * PERMANENT - the request itself is wrong (validation, missing workgroup, access denied): retrying cannot help.
 */
public final class DataApiException extends RuntimeException {
    public enum Kind { TRANSIENT, STATEMENT_FAILED, PERMANENT }

    private final Kind kind;

    public DataApiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DataApiException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
