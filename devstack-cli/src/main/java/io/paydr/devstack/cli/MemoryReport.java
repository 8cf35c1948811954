package io.paydr.devstack.cli;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory in use after start-up: JVM heap after a GC, and the proportional set size (PSS: shared pages split
 * between the processes sharing them, so the figures add up) of the JVM and of this stack's PostgreSQL processes.
 */
final class MemoryReport {

    private MemoryReport() {
    }

    static String describe(Devstack ds) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long jvmMb = pssKb(ProcessHandle.current().pid()) >> 10;
        int pgPort = URI.create(ds.jdbcUrl(DevRegion.PRIMARY).substring("jdbc:".length())).getPort();
        List<ProcessHandle> postgres = PostgresProcesses.serving(pgPort);
        long pgMb = postgres.stream().mapToLong(p -> pssKb(p.pid())).sum() >> 10;
        return "JVM heap " + heapMb + " MB used, JVM " + jvmMb + " MB PSS, PostgreSQL " + pgMb + " MB PSS ("
                + postgres.size() + " processes), total " + (jvmMb + pgMb) + " MB";
    }

    private static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
