package io.paydr.ops.cli;

import io.paydr.ops.OpsConfigException;

/** The command line is wrong; the message says which option and how to fix it. */
final class UsageException extends OpsConfigException {
    UsageException(String message) {
        super(message);
    }
}
