package io.paydr.devstack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory in use after start-up: JVM heap after a GC, the JVM's resident set, and the resident set of the
 * PostgreSQL processes (which run outside the JVM; shared memory is counted once per process, so an upper bound).
 */
final class MemoryReport {

    private MemoryReport() {
    }

    static String describe() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long jvmRssMb = rssKb(ProcessHandle.current().pid()) >> 10;
        List<ProcessHandle> postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres") && c.contains("embedded-pg")).orElse(false))
                .toList();
        long pgRssMb = postgres.stream().mapToLong(p -> rssKb(p.pid())).sum() >> 10;
        return "JVM heap " + heapMb + " MB used, JVM resident " + jvmRssMb + " MB, PostgreSQL resident " + pgRssMb
                + " MB (" + postgres.size() + " processes)";
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
