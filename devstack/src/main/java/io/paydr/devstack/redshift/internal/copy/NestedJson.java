package io.paydr.devstack.redshift.internal.copy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A nested object or array aimed at a column loads as compact JSON text (whitespace dropped, strings
 * re-escaped the standard way). Rare in a load, so it goes through Jackson rather than the byte scanner.
 */
final class NestedJson {

    private static final JsonFactory JSON = new JsonFactory();

    private NestedJson() {
    }

    /** {@code raw} was already validated by the scanner; only UTF-8 it would have replaced needs decoding care. */
    static void writeCompact(byte[] raw, byte[] invalidUtf8Replacement, JsonScanner.Out out) throws IOException {
        // a char generator, as UTF-8 byte generators write characters past U+FFFF as surrogate escapes
        StringWriter compact = new StringWriter(raw.length);
        try (JsonParser p = parser(raw, invalidUtf8Replacement); JsonGenerator g = JSON.createGenerator(compact)) {
            p.nextToken();
            g.copyCurrentStructure(p);
        }
        // the generator escapes control characters itself, so backslashes are all that COPY text adds
        for (byte b : compact.toString().getBytes(StandardCharsets.UTF_8)) {
            if (b == '\\') {
                CopyTextBuffer.escape(b, out);
            } else {
                out.write(b & 0xFF);
            }
        }
    }

    private static JsonParser parser(byte[] raw, byte[] invalidUtf8Replacement) throws IOException {
        if (invalidUtf8Replacement == null) {
            return JSON.createParser(raw);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .replaceWith(new String(invalidUtf8Replacement, StandardCharsets.UTF_8));
        return JSON.createParser(new InputStreamReader(new ByteArrayInputStream(raw), decoder));
    }
}
