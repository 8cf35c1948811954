package io.paydr.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson configuration for untrusted wire input: streaming only, no default typing, no comments or other
 * leniencies, tight size limits (every v1 value is short), duplicate keys rejected.
 */
final class WireJson {

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(256 * 1024)
            .maxNameLength(1024)
            .maxNumberLength(64)
            .maxNestingDepth(16)
            .build();

    static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * For payload records, whose reader knows the seven field names and rejects a repeated one itself: Jackson's
     * duplicate detection costs a hash set per record.
     */
    static final JsonFactory RECORDS = JsonFactory.builder().streamReadConstraints(LIMITS).build();

    /** Tree reading for the SNS envelope only; a plain mapper never activates default typing. */
    static final ObjectMapper TREE_MAPPER = new ObjectMapper(FACTORY);

    private WireJson() {
    }
}
