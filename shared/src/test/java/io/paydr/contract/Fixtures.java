package io.paydr.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Test fixtures: resource files and generated records. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream("/contract/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a "REASON<TAB>text" fixture. */
    public static List<String[]> tsv(String name) {
        List<String[]> rows = new ArrayList<>();
        for (String line : resource(name).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", 2));
            }
        }
        return rows;
    }

    public static PaymentTransaction valid(int i) {
        return new PaymentTransaction("tx-" + i, "merchant-" + (i % 97), 100L * i - 5_000, "EUR",
                PaymentStatus.values()[i % PaymentStatus.values().length],
                Instant.parse("2026-11-25T16:38:15.123Z").plusMillis(i * 7L), "us-east-1");
    }

    public static List<PaymentTransaction> batch(int n) {
        List<PaymentTransaction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(valid(i));
        }
        return out;
    }
}
