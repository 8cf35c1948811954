package io.paydr.local.drill;

import io.paydr.local.pipeline.PaymentStream;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/** The payment application publishing continuously on its own thread until a deadline. */
final class BackgroundPublishing {

    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private final AtomicLong batches = new AtomicLong();

    BackgroundPublishing(PaymentStream stream, Duration duration) {
        Instant end = Instant.now().plus(duration);
        Thread t = new Thread(() -> {
            try {
                done.complete(stream.publish(Long.MAX_VALUE, () -> !Instant.now().isBefore(end), batches::incrementAndGet));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "payment-app");
        t.setDaemon(true);
        t.start();
    }

    long batches() {
        return batches.get();
    }

    boolean finished() {
        return done.isDone();
    }

    /** Waits for publishing to end; rethrows its failure. */
    long join() {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }
}
