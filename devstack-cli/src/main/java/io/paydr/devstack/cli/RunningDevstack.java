package io.paydr.devstack.cli;

import io.paydr.devstack.Devstack;
import io.paydr.devstack.control.ControlServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code devstack up} keeps running: the stack, its control endpoint and the env file describing both. */
final class RunningDevstack implements AutoCloseable {

    private final Devstack devstack;
    private final ControlServer control;
    private final Path envFile;
    private boolean closed;

    RunningDevstack(Devstack devstack, ControlServer control, Path envFile) {
        this.devstack = devstack;
        this.control = control;
        this.envFile = envFile;
    }

    Devstack devstack() {
        return devstack;
    }

    ControlServer control() {
        return control;
    }

    Path envFile() {
        return envFile;
    }

    /** Stops everything and removes the env file, which would otherwise point at dead ports. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        control.close();
        try {
            devstack.close();
        } finally {
            try {
                Files.deleteIfExists(envFile);
            } catch (IOException ignored) {
                // a stale env file is harmless: its control URL no longer answers
            }
        }
    }
}
