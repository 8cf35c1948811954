package io.paydr.devstack.redshift.internal.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.devstack.redshift.internal.StatementFailure;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Finds and opens the objects a COPY loads, through the devstack S3 over the wire: every object under a
 * key prefix (as Redshift treats a FROM path), or the entries of a manifest.
 */
final class S3Sources {

    /** One object to load; a missing optional manifest entry is skipped. */
    record Source(String bucket, String key, boolean mandatory) {
        String url() {
            return "s3://" + bucket + "/" + key;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final S3Client s3;

    S3Sources(S3Client s3) {
        this.s3 = s3;
    }

    List<Source> resolve(CopyCommand copy) throws StatementFailure {
        try {
            return copy.manifest() ? fromManifest(copy) : underPrefix(copy);
        } catch (SdkException e) {
            throw new StatementFailure("S3 error while listing " + copy.fromUrl() + ": " + e.getMessage(), e);
        }
    }

    private List<Source> underPrefix(CopyCommand copy) throws StatementFailure {
        List<Source> out = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(copy.bucket()).prefix(copy.key())).contents()) {
            if (!o.key().endsWith("/")) {
                out.add(new Source(copy.bucket(), o.key(), true));
            }
        }
        if (out.isEmpty()) {
            throw new StatementFailure("The specified S3 prefix '" + copy.key() + "' does not exist (no object under " + copy.fromUrl() + ")");
        }
        return out;
    }

    private List<Source> fromManifest(CopyCommand copy) throws StatementFailure {
        JsonNode manifest;
        try (InputStream in = s3.getObject(b -> b.bucket(copy.bucket()).key(copy.key()))) {
            manifest = MAPPER.readTree(in);
        } catch (NoSuchKeyException e) {
            throw new StatementFailure("Manifest file " + copy.fromUrl() + " does not exist");
        } catch (IOException e) {
            throw new StatementFailure("Manifest file " + copy.fromUrl() + " is not valid JSON: " + e.getMessage());
        }
        JsonNode entries = manifest == null ? null : manifest.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new StatementFailure("Manifest file " + copy.fromUrl() + " has no \"entries\" array");
        }
        List<Source> out = new ArrayList<>();
        for (JsonNode e : entries) {
            String url = e.path("url").asText("");
            int slash = url.indexOf('/', 5);
            if (!url.startsWith("s3://") || slash < 0) {
                throw new StatementFailure("Manifest file " + copy.fromUrl() + " has an entry with an invalid url: '" + url + "'");
            }
            out.add(new Source(url.substring(5, slash), url.substring(slash + 1), e.path("mandatory").asBoolean(false)));
        }
        return out;
    }

    /** The object's content, gunzipped when the COPY says GZIP; empty for a missing optional entry. */
    Optional<InputStream> open(Source source, boolean gzip) throws StatementFailure, IOException {
        InputStream raw;
        try {
            raw = get(source);
        } catch (NoSuchKeyException e) {
            if (!source.mandatory()) {
                return Optional.empty();
            }
            throw new StatementFailure("S3 object " + source.url() + " does not exist (a mandatory file)");
        } catch (SdkException e) {
            throw new StatementFailure("S3 error reading " + source.url() + ": " + e.getMessage(), e);
        }
        return Optional.of(content(raw, gzip));
    }

    /** The body as the COPY reads it: gunzipped for GZIP. A body that is not gzip is closed before the failure. */
    static InputStream content(InputStream raw, boolean gzip) throws IOException {
        if (!gzip) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, 64 * 1024);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    ResponseInputStream<GetObjectResponse> get(Source source) {
        return s3.getObject(b -> b.bucket(source.bucket()).key(source.key()));
    }
}
