package io.paydr.devstack.redshift.internal.copy;

import java.util.Arrays;

/** A growable run of bytes, reused from row to row: the scratch space of the JSON converter. */
final class ByteRun implements JsonScanner.Out {

    byte[] bytes = new byte[1024];
    int length;

    void clear() {
        length = 0;
    }

    @Override
    public void write(byte[] b, int offset, int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        System.arraycopy(b, offset, bytes, length, n);
        length += n;
    }

    @Override
    public void write(int b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) b;
    }
}
