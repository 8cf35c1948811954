package io.paydr.local.eventsource;

import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Gathers one invocation's batch the way the event source mapping does: long-poll until the first
 * messages arrive, then keep receiving until BatchSize is reached, the batching window (counted from the
 * first message) runs out, or the next receive could push the batch over Lambda's 6 MB payload limit.
 * Without a window, one receive's messages form the batch.
 */
final class BatchCollector {

    /** One ReceiveMessage call: at most {@code maxMessages} (1..10), waiting up to {@code waitSeconds}. */
    @FunctionalInterface
    interface Receiver {
        List<Message> receive(int maxMessages, int waitSeconds);
    }

    /** SQS returns at most 10 messages of at most 256 KiB each per receive. */
    private static final int MAX_PER_RECEIVE = 10;
    private static final long MAX_RECEIVE_BYTES = MAX_PER_RECEIVE * 256L * 1024;
    private static final long IDLE_PAUSE_MILLIS = 50;

    private final Receiver receiver;
    private final EventSourceSettings settings;
    private final BooleanSupplier running;

    BatchCollector(Receiver receiver, EventSourceSettings settings, BooleanSupplier running) {
        this.receiver = receiver;
        this.settings = settings;
        this.running = running;
    }

    /** The next batch; empty only when the poller stopped before any message arrived. */
    List<Message> collect() {
        List<Message> batch = new ArrayList<>();
        long bytes = 0;
        long windowEnd = Long.MAX_VALUE;
        while (running.getAsBoolean()) {
            int want = Math.min(MAX_PER_RECEIVE, settings.batchSize() - batch.size());
            int wait = batch.isEmpty() ? settings.waitTimeSeconds() : waitWithin(windowEnd);
            List<Message> received = receiver.receive(want, wait);
            if (batch.isEmpty() && !received.isEmpty()) {
                windowEnd = System.nanoTime() + settings.batchingWindow().toNanos();
            }
            batch.addAll(received);
            bytes += received.stream().mapToLong(BatchCollector::sizeOf).sum();
            if (batch.isEmpty()) {
                continue;
            }
            if (isComplete(batch.size(), bytes, windowEnd)) {
                return batch;
            }
            if (received.isEmpty() && wait == 0) {
                pause(windowEnd);
            }
        }
        return batch;
    }

    private boolean isComplete(int size, long bytes, long windowEnd) {
        return size >= settings.batchSize()
                || bytes + MAX_RECEIVE_BYTES > EventSourceSettings.MAX_BATCH_BYTES
                || settings.batchingWindow().isZero()
                || System.nanoTime() >= windowEnd;
    }

    /** Whole seconds left in the window, capped at the long-poll wait, so a receive never outlasts it. */
    private int waitWithin(long windowEnd) {
        long leftMillis = (windowEnd - System.nanoTime()) / 1_000_000;
        return (int) Math.max(0, Math.min(settings.waitTimeSeconds(), leftMillis / 1000));
    }

    /** Short polls inside the window's last second: pause briefly instead of spinning. */
    private static void pause(long windowEnd) {
        long leftMillis = Math.max(0, (windowEnd - System.nanoTime()) / 1_000_000);
        try {
            Thread.sleep(Math.min(IDLE_PAUSE_MILLIS, leftMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long sizeOf(Message m) {
        return m.body() == null ? 0 : m.body().getBytes(StandardCharsets.UTF_8).length;
    }
}
