package io.paydr.devstack.redshift.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Wall times per label, in the order first seen; medians, since a shared machine makes single runs jumpy. */
final class Timings {

    /** A measured action. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final Map<String, List<Long>> nanos = new LinkedHashMap<>();
    private boolean recording;

    /** Warm-up rounds run the same code without keeping their times. */
    void recording(boolean on) {
        this.recording = on;
    }

    void time(String label, Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        record(label, System.nanoTime() - start);
    }

    void record(String label, long elapsedNanos) {
        if (recording) {
            nanos.computeIfAbsent(label, k -> new ArrayList<>()).add(elapsedNanos);
        }
    }

    /** One line per label: median and 90th percentile in ms, rows per second and ratio to the first label's median. */
    void print(int rows) {
        double first = nanos.isEmpty() ? 0 : median(nanos.values().iterator().next());
        nanos.forEach((label, values) -> {
            double median = median(values) / 1e6;
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "  %-50s median %8.2f  p90 %8.2f   %,11.0f rows/s   x%.2f%n",
                    label, median, percentile(sorted, 90) / 1e6, rows / (median / 1e3), median * 1e6 / first);
        });
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return percentile(sorted, 50);
    }

    private static double percentile(List<Long> sorted, int p) {
        int n = sorted.size();
        double rank = (n - 1) * p / 100.0;
        int low = (int) Math.floor(rank);
        int high = Math.min(n - 1, low + 1);
        return sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low));
    }
}
