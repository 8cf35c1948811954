package io.paydr.publisher.cli;

/** A command line that cannot run; the message says what to change. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
