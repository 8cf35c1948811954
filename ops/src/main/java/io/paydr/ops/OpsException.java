package io.paydr.ops;

/** An operation could not be carried out (a statement failed, a service refused); the message names what and where. */
public class OpsException extends RuntimeException {
    public OpsException(String message) {
        super(message);
    }

    public OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
