package io.paydr.local.eventsource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The ingest lag samples of one Region, in arrival order. Thread-safe. */
public final class IngestLag {

    private final String regionId;
    private final List<LagSample> samples = new ArrayList<>();

    public IngestLag(String regionId) {
        this.regionId = regionId;
    }

    public String regionId() {
        return regionId;
    }

    public synchronized void record(Instant committedAt, long lagMillis) {
        samples.add(new LagSample(committedAt, Math.max(0, lagMillis)));
    }

    public synchronized List<LagSample> samples() {
        return List.copyOf(samples);
    }

    public synchronized int count() {
        return samples.size();
    }

    /** Nearest-rank percentile (0 < p <= 100) of the lag in milliseconds; 0 when there are no samples. */
    public long percentileMillis(double p) {
        return percentile(lagsOf(samples()), p);
    }

    public long maxMillis() {
        return percentileMillis(100);
    }

    /** The same percentile over the messages that arrived in the queue within [from, to). */
    public long percentileMillisOfSent(double p, Instant from, Instant to) {
        return percentile(lagsOf(sentWithin(from, to)), p);
    }

    /** How many loaded messages arrived in the queue within [from, to). */
    public int countSent(Instant from, Instant to) {
        return sentWithin(from, to).size();
    }

    private List<LagSample> sentWithin(Instant from, Instant to) {
        return samples().stream().filter(s -> !s.sentAt().isBefore(from) && s.sentAt().isBefore(to)).toList();
    }

    static long percentile(long[] values, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within (0, 100], was " + p);
        }
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long[] lagsOf(List<LagSample> list) {
        return list.stream().mapToLong(LagSample::lagMillis).toArray();
    }
}
