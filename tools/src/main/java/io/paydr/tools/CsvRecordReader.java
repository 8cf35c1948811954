package io.paydr.tools;

import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads payments from CSV (RFC 4180 quoting, one record per line): a header row naming exactly the seven v1
 * columns in any order, then one row per payment. Field rules are left to the publisher's validation; only what
 * cannot be represented (a non-integer amount, an unknown status, an unparsable time) fails here, with its line.
 */
final class CsvRecordReader implements Iterator<PaymentTransaction> {

    static final Set<String> COLUMNS = Set.of("transaction_id", "merchant_id", "amount_minor", "currency",
            "status", "occurred_at", "source_region");

    private final BufferedReader in;
    private final Map<String, Integer> index = new HashMap<>();
    private long line;
    private String pending;

    CsvRecordReader(BufferedReader in) {
        this.in = in;
        readHeader();
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            pending = nextNonBlankLine();
        }
        return pending != null;
    }

    @Override
    public PaymentTransaction next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<String> f = split(pending, line);
        pending = null;
        if (f.size() != COLUMNS.size()) {
            throw new InputException(line, "expected 7 fields, found " + f.size());
        }
        return new PaymentTransaction(get(f, "transaction_id"), get(f, "merchant_id"), amount(get(f, "amount_minor")),
                get(f, "currency"), status(get(f, "status")), time(get(f, "occurred_at")), get(f, "source_region"));
    }

    private void readHeader() {
        String header = nextNonBlankLine();
        if (header == null) {
            throw new InputException(1, "CSV input is empty: expected a header row");
        }
        List<String> names = split(header.startsWith("\uFEFF") ? header.substring(1) : header, line);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            if (!COLUMNS.contains(name) || index.put(name, i) != null) {
                throw new InputException(line, "header must name each of " + String.join(",", COLUMNS.stream()
                        .sorted().toList()) + " exactly once");
            }
        }
        if (index.size() != COLUMNS.size()) {
            throw new InputException(line, "header lacks column(s) of the seven v1 columns");
        }
    }

    private String get(List<String> fields, String column) {
        return fields.get(index.get(column));
    }

    private long amount(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new InputException(line, "amount_minor must be an integer number of minor units");
        }
    }

    private PaymentStatus status(String s) {
        try {
            return PaymentStatus.valueOf(s.trim());
        } catch (IllegalArgumentException e) {
            throw new InputException(line, "status must be one of AUTHORIZED, CAPTURED, REFUNDED, DECLINED, CHARGEBACK");
        }
    }

    private Instant time(String s) {
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new InputException(line, "occurred_at must be an ISO-8601 UTC instant like 2026-11-25T16:38:15.123Z");
        }
    }

    private String nextNonBlankLine() {
        try {
            String s;
            do {
                s = in.readLine();
                line++;
            } while (s != null && s.isBlank());
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits one CSV line; quoted fields may contain commas and doubled quotes (not line breaks). */
    static List<String> split(String s, long line) {
        List<String> out = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' && i == s.length() - 1) {
                break;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InputException(line, "unterminated quoted field");
        }
        out.add(field.toString());
        return out;
    }

    /** Input that cannot be read as payments, with its 1-based line. */
    static final class InputException extends RuntimeException {
        InputException(long line, String message) {
            super("line " + line + ": " + message);
        }
    }
}
