package io.paydr.devstack.redshift.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** The same payment rows as JSON Lines, gzip JSON Lines (for COPY) and COPY text (for the bare load). */
public record BenchPayload(byte[] json, byte[] gzipJson, byte[] copyText) {

    private static final String[] STATUSES = {"AUTHORIZED", "CAPTURED", "REFUNDED"};

    public static BenchPayload generate(int rows) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream(rows * 200);
        StringBuilder text = new StringBuilder(rows * 100);
        for (int i = 0; i < rows; i++) {
            String id = String.format(Locale.ROOT, "tx-%012d", i);
            String merchant = "merchant-" + (i % 997);
            long amount = 100L + (i * 7919L) % 1_000_000;
            String currency = i % 3 == 0 ? "EUR" : "USD";
            String status = STATUSES[i % 3];
            String at = String.format(Locale.ROOT, "2026-11-25T%02d:%02d:%02d.%03dZ", (i / 3600) % 24, (i / 60) % 60, i % 60, i % 1000);
            json.writeBytes(("{\"transaction_id\":\"" + id + "\",\"merchant_id\":\"" + merchant + "\",\"amount_minor\":" + amount
                    + ",\"currency\":\"" + currency + "\",\"status\":\"" + status + "\",\"occurred_at\":\"" + at
                    + "\",\"source_region\":\"us-east-1\"}\n").getBytes(StandardCharsets.UTF_8));
            text.append(id).append('\t').append(merchant).append('\t').append(amount).append('\t').append(currency)
                    .append('\t').append(status).append('\t').append(at).append('\t').append("us-east-1").append('\n');
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz, 64 * 1024)) {
            json.writeTo(out);
        }
        return new BenchPayload(json.toByteArray(), gz.toByteArray(), text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
