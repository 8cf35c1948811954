package io.paydr.ops.cli;

/** The exit codes of every ops command. */
public final class ExitCode {
    /** Done: warehouses equal, everything replayed / redriven (or listed, in a dry run). */
    public static final int OK = 0;
    /** Reconcile found a divergence; replay or redrive could not move some objects or messages. */
    public static final int DIVERGED = 1;
    /** The command line or the configuration is wrong; nothing was attempted. */
    public static final int USAGE = 2;
    /** A service call failed (credentials, endpoint, statement error), so no verdict could be reached. */
    public static final int FAILED = 3;

    private ExitCode() {
    }
}
