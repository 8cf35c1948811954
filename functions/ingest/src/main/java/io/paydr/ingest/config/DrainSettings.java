package io.paydr.ingest.config;

/** Settings of the scheduled drain mode: the queue to receive from and the cap per run. */
public record DrainSettings(String queueUrl, int maxMessages) {
}
