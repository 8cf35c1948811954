package io.paydr.publisher.internal;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PaymentTransaction;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One batch's records, spooled in the publisher's encoding at once and in the other encoding only if a retry must
 * store the batch as its first attempt chose (rare: after a crash between claim and payload). Close to delete the
 * spools.
 */
public final class EncodedBatch implements AutoCloseable {

    private final List<PaymentTransaction> records;
    private final ContentEncoding preferred;
    private final long memoryLimit;
    private final long partSize;
    private final Path spoolDirectory;
    private final Map<ContentEncoding, SpooledPayload> spooled = new EnumMap<>(ContentEncoding.class);

    private EncodedBatch(List<PaymentTransaction> records, ContentEncoding preferred, long memoryLimit, long partSize,
                         Path spoolDirectory) {
        this.records = records;
        this.preferred = preferred;
        this.memoryLimit = memoryLimit;
        this.partSize = partSize;
        this.spoolDirectory = spoolDirectory;
    }

    /** Encodes the (validated) records in the preferred encoding now. */
    public static EncodedBatch encode(List<PaymentTransaction> records, ContentEncoding preferred, long memoryLimit,
                                      long partSize, Path spoolDirectory) {
        EncodedBatch batch = new EncodedBatch(records, preferred, memoryLimit, partSize, spoolDirectory);
        batch.in(preferred);
        return batch;
    }

    public ContentEncoding preferred() {
        return preferred;
    }

    public int recordCount() {
        return records.size();
    }

    /** SHA-256 of the uncompressed JSON Lines: the batch's identity, the same in every encoding. */
    public String recordsSha256() {
        return in(preferred).recordsSha256Hex();
    }

    /** The payload in the given encoding, encoded on first use. */
    public SpooledPayload in(ContentEncoding encoding) {
        return spooled.computeIfAbsent(encoding,
                e -> SpooledPayload.write(records, e, memoryLimit, partSize, spoolDirectory));
    }

    @Override
    public void close() {
        spooled.values().forEach(SpooledPayload::close);
    }
}
