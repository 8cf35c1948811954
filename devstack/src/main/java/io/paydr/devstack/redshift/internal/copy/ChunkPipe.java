package io.paydr.devstack.redshift.internal.copy;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Overlaps reading (S3, gunzip, JSON parsing) with PostgreSQL's COPY: a producer thread fills chunks of
 * COPY text while the statement's thread writes the previous ones to the session. Bounded, so a slow
 * database holds the reader back instead of buffering whole files in memory.
 */
final class ChunkPipe {

    /** What the producer does: convert everything, writing chunks through {@link #put}. */
    @FunctionalInterface
    interface Producer {
        void run(ChunkPipe pipe) throws Exception;
    }

    /** What the consumer does with each chunk. */
    @FunctionalInterface
    interface Consumer {
        void accept(byte[] chunk) throws Exception;
    }

    /** The consumer stopped early; the producer unwinds with this. */
    static final class Closed extends RuntimeException {
        Closed() {
            super("the COPY stream was closed", null, false, false);
        }
    }

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(4);
    private volatile boolean closed;

    /** Producer side: hands over a copy of the chunk, waiting while the consumer is behind. */
    void put(byte[] bytes, int length) throws InterruptedException {
        byte[] chunk = Arrays.copyOf(bytes, length);
        while (!chunks.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new Closed();
            }
        }
    }

    /**
     * Runs {@code producer} on its own thread and feeds its chunks to {@code consumer} on this one. The
     * producer's failure is rethrown here (unwrapped); if the consumer fails, the producer is stopped and
     * waited for before the failure propagates, so whatever the producer recorded is complete and visible.
     */
    static void run(Producer producer, Consumer consumer) throws Exception {
        ChunkPipe pipe = new ChunkPipe();
        FutureTask<Void> task = new FutureTask<>(() -> {
            producer.run(pipe);
            pipe.put(END, 0);
            return null;
        });
        Thread thread = new Thread(task, "devstack-redshift-copy-reader");
        thread.setDaemon(true);
        thread.start();
        try {
            pipe.drain(task, consumer);
        } finally {
            pipe.closed = true;
            awaitQuietly(task);
        }
    }

    private void drain(FutureTask<Void> task, Consumer consumer) throws Exception {
        while (true) {
            byte[] chunk = chunks.poll(50, TimeUnit.MILLISECONDS);
            if (chunk == null) {
                if (task.isDone()) {
                    rethrow(task);
                }
                continue;
            }
            if (chunk.length == 0) {
                rethrow(task);
                return;
            }
            consumer.accept(chunk);
        }
    }

    private static void rethrow(FutureTask<Void> task) throws Exception {
        try {
            task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(FutureTask<Void> task) throws InterruptedException {
        try {
            task.get();
        } catch (ExecutionException ignored) {
            // the consumer's own failure is the one that matters here
        }
    }
}
