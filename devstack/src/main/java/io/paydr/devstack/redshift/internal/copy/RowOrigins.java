package io.paydr.devstack.redshift.internal.copy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Remembers which S3 object and line each COPY row came from, to name them when PostgreSQL rejects a row. */
final class RowOrigins {

    private final List<String> fileUrls = new ArrayList<>();
    private final List<Long> fileFirstRows = new ArrayList<>();
    private int[] lines = new int[1024];
    private int rows;

    void startFile(String url) {
        fileUrls.add(url);
        fileFirstRows.add((long) rows);
    }

    void record(int line) {
        if (rows == lines.length) {
            lines = Arrays.copyOf(lines, rows * 2);
        }
        lines[rows++] = line;
    }

    String currentFile() {
        return fileUrls.isEmpty() ? "?" : fileUrls.get(fileUrls.size() - 1);
    }

    /** "s3://bucket/key line n" for the 1-based row number of the COPY stream, or null if unknown. */
    String describe(long copyLine) {
        long row = copyLine - 1;
        if (row < 0 || row >= rows) {
            return null;
        }
        int file = 0;
        while (file + 1 < fileFirstRows.size() && fileFirstRows.get(file + 1) <= row) {
            file++;
        }
        return fileUrls.get(file) + " line " + lines[(int) row];
    }
}
