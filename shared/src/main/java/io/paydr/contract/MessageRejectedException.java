package io.paydr.contract;

import java.util.Objects;

/**
 * A message or payload that can never be processed, whatever the number of retries. The detail names the
 * problem (field, attribute, line) but never carries payload contents, so it is safe to log.
 */
public class MessageRejectedException extends RuntimeException {

    private final ReasonCode reason;
    private final String detail;

    public MessageRejectedException(ReasonCode reason, String detail) {
        this(reason, detail, null);
    }

    public MessageRejectedException(ReasonCode reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail, cause);
        this.reason = reason;
        this.detail = detail;
    }

    public ReasonCode reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
