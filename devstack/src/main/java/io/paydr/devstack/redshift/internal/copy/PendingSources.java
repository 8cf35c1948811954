package io.paydr.devstack.redshift.internal.copy;

import io.paydr.devstack.redshift.internal.StatementFailure;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The objects of one COPY, looked up in the background while the statement's thread prepares the COPY on the
 * database: the listing (or manifest), and for a plain FROM path also a GET of the object named exactly, since
 * a load usually names one object. An object named exactly is the first key of its own prefix listing (every
 * other key under it is longer), so it can load before the listing arrives; the listing then adds any other
 * objects under the prefix. An early GET that fails is dropped, and the listing alone decides.
 */
final class PendingSources implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "devstack-redshift-s3-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final S3Sources sources;
    private final CompletableFuture<List<S3Sources.Source>> files;
    private final S3Sources.Source named;
    private final CompletableFuture<ResponseInputStream<GetObjectResponse>> early;
    private boolean earlyTaken;

    private PendingSources(S3Sources sources, CopyCommand copy) {
        this.sources = sources;
        this.files = CompletableFuture.supplyAsync(() -> {
            try {
                return sources.resolve(copy);
            } catch (StatementFailure e) {
                throw new CompletionException(e);
            }
        }, BACKGROUND);
        // a path ending in '/' names a folder (or its marker, which never loads): nothing to GET early
        this.named = copy.manifest() || copy.key().endsWith("/") ? null : new S3Sources.Source(copy.bucket(), copy.key(), true);
        this.early = named == null ? null : CompletableFuture.supplyAsync(() -> sources.get(named), BACKGROUND)
                .exceptionally(e -> null);
    }

    static PendingSources start(S3Sources sources, CopyCommand copy) {
        return new PendingSources(sources, copy);
    }

    /**
     * The object named exactly by the FROM path when the early GET found it (it loads first, before the listing
     * is in); null when only the listing can tell.
     */
    S3Sources.Source earlyObject() {
        return named == null || early.join() == null ? null : named;
    }

    /** The objects to load, once listed; fails as the listing failed. */
    List<S3Sources.Source> files() throws StatementFailure {
        try {
            return files.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StatementFailure f) {
                throw f;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The object's content as {@link S3Sources#open} gives it, from the early GET when that read this object. */
    Optional<InputStream> open(S3Sources.Source source, boolean gzip) throws StatementFailure, IOException {
        if (!earlyTaken && source.equals(named)) {
            earlyTaken = true;
            ResponseInputStream<GetObjectResponse> body = early.join();
            if (body != null) {
                return Optional.of(S3Sources.content(body, gzip));
            }
        }
        return sources.open(source, gzip);
    }

    /** Drops an early GET nobody read, without waiting for it. */
    @Override
    public void close() {
        if (early != null && !earlyTaken) {
            early.thenAccept(body -> {
                if (body != null) {
                    body.abort();
                }
            });
        }
    }
}
