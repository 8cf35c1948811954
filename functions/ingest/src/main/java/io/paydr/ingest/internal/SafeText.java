package io.paydr.ingest.internal;

/**
 * Shortens error texts for logs and reports. Database errors can carry a "Detail: Failing row contains (...)" part,
 * which is payload contents: only the first line up to any detail part is kept, at most 300 characters.
 */
public final class SafeText {
    private static final int MAX = 300;

    private SafeText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String safe = text;
        for (String cut : new String[] {"\n", "\r", "Detail:", "DETAIL:", "Failing row"}) {
            int at = safe.indexOf(cut);
            if (at >= 0) {
                safe = safe.substring(0, at);
            }
        }
        safe = safe.strip();
        return safe.length() <= MAX ? safe : safe.substring(0, MAX) + "...";
    }
}
