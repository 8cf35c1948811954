package io.paydr.devstack.cli;

import java.util.List;
import java.util.stream.Stream;

/** Finds the operating-system processes of a local PostgreSQL server (for memory reports and leak checks). */
final class PostgresProcesses {

    private PostgresProcesses() {
    }

    /**
     * The postmaster started with {@code -p port} (as zonky starts it) and all its children; empty when none runs
     * here, e.g. for an external server.
     */
    static List<ProcessHandle> serving(int port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("-p " + port)).orElse(false))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .toList();
    }
}
