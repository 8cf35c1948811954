package io.paydr.contract;

import java.util.Locale;

/** How the payload bytes are encoded, with the value used in Content-Encoding and the content_encoding attribute. */
public enum ContentEncoding {
    IDENTITY("identity"), GZIP("gzip");

    private final String headerValue;

    ContentEncoding(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }

    /** The object-key suffix for a payload in this encoding. */
    public String keySuffix() {
        return this == GZIP ? ".jsonl.gz" : ".jsonl";
    }

    /** @throws IllegalArgumentException for anything but "identity" or "gzip" (case-insensitive) */
    public static ContentEncoding of(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (ContentEncoding e : values()) {
                if (e.headerValue.equals(v)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("content encoding must be identity or gzip");
    }
}
