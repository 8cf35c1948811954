package io.paydr.devstack.faults;

import io.paydr.devstack.DevRegion;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fault switchboard shared by every devstack server. Thread-safe; switchable while running.
 * Servers call {@link #beforeRequest} first thing for each request and render the returned fault.
 */
public final class Faults {

    private final Map<String, FaultSpec> specs = new ConcurrentHashMap<>();
    private final Map<DevRegion, Boolean> down = new ConcurrentHashMap<>();

    public void set(Service service, DevRegion region, FaultSpec spec) {
        specs.put(key(service, region), spec);
    }

    public FaultSpec get(Service service, DevRegion region) {
        return specs.getOrDefault(key(service, region), FaultSpec.NONE);
    }

    public void regionDown(DevRegion region, boolean isDown) {
        down.put(region, isDown);
    }

    public boolean isDown(DevRegion region) {
        return down.getOrDefault(region, false);
    }

    /** Clears every fault, including Region outages. */
    public void clear() {
        specs.clear();
        down.clear();
    }

    /**
     * Applies the configured latency, then decides whether this request fails.
     * Region down wins over everything else and adds no latency.
     */
    public Optional<Fault> beforeRequest(Service service, DevRegion region) {
        if (isDown(region)) {
            return Optional.of(Fault.REGION_DOWN);
        }
        FaultSpec spec = get(service, region);
        sleep(spec.latencyMillis());
        if (spec.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < spec.errorRate()) {
            return Optional.of(spec.throttle() ? Fault.THROTTLING : Fault.SERVER_ERROR);
        }
        return Optional.empty();
    }

    /** SNS fan-out asks this per delivery: true means deliver the message twice. */
    public boolean duplicateDelivery(DevRegion region) {
        double rate = get(Service.SNS, region).duplicateRate();
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    private static String key(Service service, DevRegion region) {
        return service + "/" + region;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
