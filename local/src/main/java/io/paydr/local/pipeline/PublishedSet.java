package io.paydr.local.pipeline;

import io.paydr.contract.PaymentTransaction;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the run published, by transaction id: the reference each warehouse must equal. Thread-safe. */
public final class PublishedSet {

    private final Map<String, PaymentTransaction> byId = new LinkedHashMap<>();
    private long payloads;

    public synchronized void add(List<PaymentTransaction> batch) {
        batch.forEach(t -> byId.put(t.transactionId(), t));
        payloads++;
    }

    public synchronized long payloads() {
        return payloads;
    }

    public synchronized int records() {
        return byId.size();
    }

    public synchronized Map<String, PaymentTransaction> snapshot() {
        return Map.copyOf(byId);
    }

    /** [earliest, latest + 1 ms) of the occurred_at published, if anything was. */
    public synchronized Optional<TimeWindow> occurredRange() {
        Collection<PaymentTransaction> all = byId.values();
        Optional<Instant> min = all.stream().map(PaymentTransaction::occurredAt).min(Instant::compareTo);
        Optional<Instant> max = all.stream().map(PaymentTransaction::occurredAt).max(Instant::compareTo);
        return min.map(from -> new TimeWindow(from, max.orElseThrow().plusMillis(1)));
    }
}
