package io.paydr.ingest.payload;

/**
 * The payload cannot be read right now, but may be later: S3 throttling or 5xx, a network error, or an object not
 * replicated into this Region yet. The message goes back to the queue for a retry.
 */
public final class PayloadUnavailableException extends RuntimeException {
    public PayloadUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
