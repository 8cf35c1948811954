package io.paydr.reliability.chaos;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.faults.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which faults are on while payload number i is published: phases keyed by the publish index, so the same payloads
 * meet the same faults in every run whatever the machine's speed. Each step's description goes into the summary.
 */
final class FaultSchedule {
    /** A change of faults that happens before the payload with this index is published. */
    record Step(int atPayload, String description, Consumer<Faults> change) {
    }

    static final int OUTAGE_FROM = 190;
    static final int OUTAGE_TO = 270;

    private final List<Step> steps = new ArrayList<>();

    FaultSchedule() {
        steps.add(new Step(0, "SNS duplicate deliveries 10% (both topics), consumer crashes on", f -> {
            both(f, Service.SNS, FaultSpec.duplicates(0.10));
        }));
        steps.add(new Step(30, "S3 server errors 25% (both Regions)", f -> both(f, Service.S3, FaultSpec.serverErrors(0.25))));
        steps.add(new Step(90, "S3 healthy; Data API throttling (ActiveStatementsExceeded) 5%", f -> {
            both(f, Service.S3, FaultSpec.NONE);
            both(f, Service.REDSHIFT_DATA, FaultSpec.throttling(0.05));
        }));
        steps.add(new Step(150, "Data API statement failures (InternalServerException) 10%",
                f -> both(f, Service.REDSHIFT_DATA, FaultSpec.serverErrors(0.10))));
        steps.add(new Step(OUTAGE_FROM, "us-west-2 down", f -> f.regionDown(DevRegion.SECONDARY, true)));
        steps.add(new Step(220, "Data API healthy", f -> both(f, Service.REDSHIFT_DATA, FaultSpec.NONE)));
        steps.add(new Step(OUTAGE_TO, "us-west-2 back", f -> f.regionDown(DevRegion.SECONDARY, false)));
    }

    /** Applies the steps due before publishing payload {@code index}; returns their descriptions. */
    List<String> before(int index, Faults faults) {
        List<String> applied = new ArrayList<>();
        for (Step step : steps) {
            if (step.atPayload() == index) {
                step.change().accept(faults);
                applied.add(step.description());
            }
        }
        return applied;
    }

    static boolean secondaryDown(int index) {
        return index >= OUTAGE_FROM && index < OUTAGE_TO;
    }

    private static void both(Faults faults, Service service, FaultSpec spec) {
        for (DevRegion r : DevRegion.values()) {
            faults.set(service, r, spec);
        }
    }
}
