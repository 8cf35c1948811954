package io.paydr.ingest.payload;

import io.paydr.ingest.load.StagedObject;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where a payload's staged object is written while the payload is verified. Up to one part it stays in memory; a
 * larger one goes to S3 part by part through a multipart upload that completes only once the payload verified
 * (and is aborted otherwise), so memory holds one part per payload whatever the payload's size.
 */
final class StagingOutput extends OutputStream {
    /** S3's multipart upload, as the staging output needs it; null means memory only (inline payloads, tests). */
    interface Multipart {
        void uploadPart(int partNumber, byte[] bytes, int length);

        StagedObject complete(int parts, String rowsDigest);

        void abort();
    }

    private final Multipart multipart;
    private final int partSize;
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private int parts;

    StagingOutput(Multipart multipart, int partSize) {
        this.multipart = multipart;
        this.partSize = partSize;
    }

    static StagingOutput inMemory() {
        return new StagingOutput(null, Integer.MAX_VALUE);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) partSize, Math.max(64L * 1024, 2L * buffer.length)));
            }
            int n = Math.min(len, buffer.length - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
            if (length == partSize && multipart != null) {
                multipart.uploadPart(++parts, buffer, length);
                length = 0;
            }
        }
    }

    /** Ends the staged object of a verified payload. */
    Staged finish(String rowsDigest) {
        if (parts == 0) {
            return Staged.pending(new StagedRows(buffer, length, rowsDigest));
        }
        if (length > 0) {
            multipart.uploadPart(++parts, buffer, length);
        }
        return Staged.uploaded(multipart.complete(parts, rowsDigest));
    }

    /** Drops what was staged of a payload that did not verify. */
    void abort() {
        if (parts > 0) {
            multipart.abort();
        }
    }

    @Override
    public void close() {
        // finish or abort end it: closing is what the writer does at the end of the records, verified or not
    }
}
