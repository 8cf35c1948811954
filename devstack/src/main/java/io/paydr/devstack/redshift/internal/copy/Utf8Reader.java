package io.paydr.devstack.redshift.internal.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.MalformedInputException;

/**
 * Decodes UTF-8 as InputStreamReader does, but hands out the text before an ill-formed sequence before failing on
 * it (InputStreamReader drops it), so the JSON parser stands on the line of the bad bytes when the error comes.
 */
final class Utf8Reader extends Reader {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private MalformedInputException pending;
    private boolean eof;

    Utf8Reader(InputStream in, CharsetDecoder decoder) {
        this.in = in;
        this.decoder = decoder;
    }

    @Override
    public int read(char[] chars, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(chars, offset, length);
        while (out.position() == offset) {
            if (pending != null) {
                throw pending;
            }
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                pending = new MalformedInputException(result.length());
            } else if (result.isOverflow()) {
                break;
            } else if (eof) {
                decoder.flush(out);
                return out.position() == offset ? -1 : out.position() - offset;
            } else {
                fill();
            }
        }
        return out.position() - offset;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
