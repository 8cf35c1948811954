package io.paydr.ingest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.aws.TableName;
import io.paydr.ingest.load.CopyCommand;
import io.paydr.ingest.load.LedgerEntry;
import io.paydr.ingest.load.LoadUnit;
import io.paydr.ingest.payload.PayloadUnavailableException;
import io.paydr.ingest.payload.S3Location;
import io.paydr.ingest.payload.VerifiedPayload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Drain mode: payloads of this Region's buckets go into one COPY manifest per (table, encoding), written to
 * {@code s3://MANIFEST_BUCKET/manifests/...}, so a backlog loads with one COPY. Payloads read from another Region's
 * bucket (replica not there yet) keep a COPY of their own with REGION: a COPY's REGION names where its manifest
 * is read too, and the manifest bucket is in this Region. Inline payloads keep their rows.
 */
public final class ManifestPlanner implements UnitPlanner {
    static final String PREFIX = "manifests/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter PARTITION =
            DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hh='HH").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final String manifestBucket;
    private final Clock clock;

    public ManifestPlanner(S3Client s3, String manifestBucket, Clock clock) {
        this.s3 = s3;
        this.manifestBucket = manifestBucket;
        this.clock = clock;
    }

    private record Group(TableName table, boolean gzip) {
    }

    @Override
    public List<LoadUnit> plan(List<VerifiedPayload> payloads) {
        Map<Group, List<VerifiedPayload>> groups = new LinkedHashMap<>();
        List<LoadUnit> units = new ArrayList<>();
        for (VerifiedPayload payload : payloads) {
            boolean local = payload.loadsByCopy() && payload.location().orElseThrow().copyRegion().isEmpty();
            if (local) {
                groups.computeIfAbsent(new Group(payload.request().table(), payload.location().get().gzip()),
                        g -> new ArrayList<>()).add(payload);
            } else {
                units.add(payload.toLoadUnit());
            }
        }
        groups.forEach((group, members) -> units.add(0, manifestUnit(group, members)));
        return units;
    }

    private LoadUnit manifestUnit(Group group, List<VerifiedPayload> members) {
        String key = PREFIX + PARTITION.format(clock.instant()) + "/" + UUID.randomUUID() + ".json";
        write(key, manifest(members));
        List<LedgerEntry> ledger = members.stream().map(VerifiedPayload::ledgerEntry).toList();
        return new LoadUnit(group.table(), List.of(CopyCommand.manifest(manifestBucket, key, group.gzip(),
                java.util.Optional.empty())), List.of(), ledger);
    }

    /** The Redshift COPY manifest: every entry mandatory, so a missing object fails the COPY instead of loading less. */
    static String manifest(List<VerifiedPayload> members) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode entries = root.putArray("entries");
        for (VerifiedPayload member : members) {
            S3Location location = member.location().orElseThrow();
            entries.addObject().put("url", "s3://" + location.bucket() + "/" + location.key()).put("mandatory", true);
        }
        return root.toString();
    }

    private void write(String key, String manifest) {
        try {
            s3.putObject(r -> r.bucket(manifestBucket).key(key).contentType("application/json"),
                    RequestBody.fromString(manifest, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new PayloadUnavailableException("writing manifest s3://" + manifestBucket + "/" + key + " failed: "
                    + e.getMessage(), e);
        }
    }
}
