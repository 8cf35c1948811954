package io.paydr.ingest.config;

/** Settings of the scheduled drain mode: the queue to receive from, where manifests go, the cap per run. */
public record DrainSettings(String queueUrl, String manifestBucket, int maxMessages) {
}
