package io.paydr.ingest.load;

/**
 * Where the function writes what COPY reads: staged objects and manifests, in this Region's staging bucket (so a
 * COPY never needs REGION). A failure is transient ({@link DataApiException.Kind#TRANSIENT}): the messages retry.
 */
public interface ObjectStore {
    /** The bucket written to. */
    String bucket();

    /** Writes the object (overwriting: keys are content-addressed, so a rewrite has the same bytes). */
    void put(String key, byte[] content, String contentType);
}
