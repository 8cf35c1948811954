package io.paydr.contract;

/** A payload line that is not a valid v1 record: reason MALFORMED_PAYLOAD or SCHEMA_VIOLATION, with its line. */
public class MalformedPayloadException extends MessageRejectedException {

    private final long lineNumber;

    public MalformedPayloadException(ReasonCode reason, long lineNumber, String detail) {
        this(reason, lineNumber, detail, null);
    }

    public MalformedPayloadException(ReasonCode reason, long lineNumber, String detail, Throwable cause) {
        super(reason, "line " + lineNumber + ": " + detail, cause);
        this.lineNumber = lineNumber;
    }

    /** 1-based line number of the offending line. */
    public long lineNumber() {
        return lineNumber;
    }
}
