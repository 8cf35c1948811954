package io.paydr.devstack.cli;

/** A command line that cannot be run as written; the CLI prints the message and the usage, and exits with 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
