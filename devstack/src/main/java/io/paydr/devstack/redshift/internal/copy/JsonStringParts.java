package io.paydr.devstack.redshift.internal.copy;

import java.io.IOException;
import java.util.Locale;

/**
 * The parts of a JSON string that are not plain ASCII: escapes (decoded, and escaped again for COPY text where
 * COPY needs it) and multi-byte UTF-8 (validated and copied through, or replaced for ACCEPTINVCHARS).
 */
final class JsonStringParts {

    private final JsonScanner json;
    private final byte[] invalidUtf8Replacement;

    JsonStringParts(JsonScanner json, byte[] invalidUtf8Replacement) {
        this.json = json;
        this.invalidUtf8Replacement = invalidUtf8Replacement;
    }

    /** After a backslash. */
    void escape(JsonScanner.Out out, boolean copyText) throws IOException, JsonRowConverter.BadJson {
        int c = json.peekByte();
        json.advance();
        switch (c) {
            case '"', '/' -> out.write(c);
            case '\\' -> codePoint('\\', out, copyText);
            case 'b' -> codePoint('\b', out, copyText);
            case 'f' -> codePoint('\f', out, copyText);
            case 'n' -> codePoint('\n', out, copyText);
            case 'r' -> codePoint('\r', out, copyText);
            case 't' -> codePoint('\t', out, copyText);
            case 'u' -> codePoint(unicodeEscape(), out, copyText);
            default -> throw json.invalid("unrecognised escape '\\" + (c == JsonScanner.END ? "" : String.valueOf((char) c)) + "' in a string");
        }
    }

    /** After {@code \\u}: the code point, joining a surrogate pair written as two escapes. */
    private int unicodeEscape() throws IOException, JsonRowConverter.BadJson {
        int unit = hex4();
        if (Character.isLowSurrogate((char) unit)) {
            throw unpaired(unit);
        }
        if (!Character.isHighSurrogate((char) unit)) {
            return unit;
        }
        if (json.peekByte() != '\\') {
            throw unpaired(unit);
        }
        json.advance();
        if (json.peekByte() != 'u') {
            throw unpaired(unit);
        }
        json.advance();
        int low = hex4();
        if (!Character.isLowSurrogate((char) low)) {
            throw unpaired(unit);
        }
        return Character.toCodePoint((char) unit, (char) low);
    }

    private JsonRowConverter.BadJson unpaired(int unit) {
        return json.invalid("unpaired surrogate \\u" + Integer.toHexString(unit) + " in a string");
    }

    private int hex4() throws IOException, JsonRowConverter.BadJson {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(json.peekByte(), 16);
            if (d < 0) {
                throw json.invalid("\\u needs four hex digits");
            }
            json.advance();
            v = v << 4 | d;
        }
        return v;
    }

    /** A decoded escape: COPY text escapes backslash and control characters; other code points go out as UTF-8. */
    private static void codePoint(int cp, JsonScanner.Out out, boolean copyText) {
        if (copyText && (cp < 0x20 || cp == '\\')) {
            CopyTextBuffer.escape(cp, out);
        } else if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | cp >> 6);
            out.write(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out.write(0xE0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        } else {
            out.write(0xF0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3F);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        }
    }

    /**
     * A multi-byte UTF-8 sequence whose lead byte was consumed, checked as Unicode defines well-formed UTF-8 (no
     * overlong forms, surrogates or code points past U+10FFFF) and copied through. An ill-formed sequence fails,
     * or, with a replacement, is replaced as one unit up to the byte that broke it (the "maximal subpart" that
     * Java's own decoder replaces too).
     */
    void multiByte(int lead, JsonScanner.Out out, boolean copyText) throws IOException, JsonRowConverter.BadJson {
        int continuation;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuation = 2;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuation = 3;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            invalidUtf8(lead, out, copyText);
            return;
        }
        int sequence = lead;
        for (int i = 1; i <= continuation; i++) {
            int c = json.peekByte();
            if (c < low || c > high) {
                invalidUtf8(lead, out, copyText);
                return;
            }
            json.advance();
            sequence = sequence << 8 | c;
            low = 0x80;
            high = 0xBF;
        }
        for (int shift = 8 * continuation; shift >= 0; shift -= 8) {
            out.write(sequence >>> shift & 0xFF);
        }
    }

    private void invalidUtf8(int lead, JsonScanner.Out out, boolean copyText) throws JsonRowConverter.BadJson {
        if (invalidUtf8Replacement == null) {
            throw new JsonRowConverter.BadJson(json.line(), "invalid UTF-8 byte sequence starting with 0x"
                    + Integer.toHexString(lead).toUpperCase(Locale.ROOT) + " (ACCEPTINVCHARS replaces it)");
        }
        for (byte r : invalidUtf8Replacement) {
            if (copyText && (r == '\\' || (r >= 0 && r < 0x20))) {
                CopyTextBuffer.escape(r, out);
            } else {
                out.write(r & 0xFF);
            }
        }
    }
}
