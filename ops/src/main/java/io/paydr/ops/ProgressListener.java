package io.paydr.ops;

/** Told how far a long operation has got; called from the operation's thread. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /** @param total the number of items to do, or -1 while still unknown */
    void progress(long done, long total);
}
