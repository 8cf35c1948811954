package io.paydr.ingest.payload;

import java.util.Optional;

/**
 * Where a verified payload was read: the bucket actually read (this Region's replica or the source bucket), the
 * key, whether it is gzip, and the bucket's Region when it differs from the warehouse's (COPY needs REGION then).
 */
public record S3Location(String bucket, String key, boolean gzip, Optional<String> copyRegion, boolean replica) {
}
