package io.paydr.local.invoke;

/**
 * Why an invocation could not run, with the exit status it maps to: {@link #USAGE} (2) for anything the user must
 * fix in the command line or the files it names, {@link #HANDLER_FAILED} (1) when the function itself threw.
 */
public final class InvokeException extends RuntimeException {
    public static final int HANDLER_FAILED = 1;
    public static final int USAGE = 2;

    private final int exitStatus;

    private InvokeException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    public static InvokeException usage(String message) {
        return new InvokeException(USAGE, message, null);
    }

    public static InvokeException handlerFailed(String message, Throwable cause) {
        return new InvokeException(HANDLER_FAILED, message, cause);
    }

    public int exitStatus() {
        return exitStatus;
    }
}
