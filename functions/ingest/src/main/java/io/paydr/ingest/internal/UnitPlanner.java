package io.paydr.ingest.internal;

import io.paydr.ingest.load.LoadUnit;
import io.paydr.ingest.payload.VerifiedPayload;
import java.util.List;

/** Turns verified payloads into load units: one per payload (event mode), or manifests (drain mode). */
@FunctionalInterface
public interface UnitPlanner {
    /** One unit per payload: a COPY of its object or an INSERT of its rows. */
    UnitPlanner PER_PAYLOAD = payloads -> payloads.stream().map(VerifiedPayload::toLoadUnit).toList();

    List<LoadUnit> plan(List<VerifiedPayload> payloads);
}
