package io.paydr.reliability.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Valid payments and hand-made JSON lines for the test payloads. */
public final class Records {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant BASE = Instant.parse("2026-11-25T16:38:15.123Z");

    private Records() {
    }

    /** {@code count} valid records with transaction ids {@code <prefix>-<i>}. */
    public static List<PaymentTransaction> valid(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> new PaymentTransaction(prefix + "-" + i, "merchant-" + (i % 17),
                1_000L + i, "EUR", PaymentStatus.values()[i % PaymentStatus.values().length], BASE.plusSeconds(i),
                "us-east-1")).toList();
    }

    /** The JSON line of a valid record whose transaction id is given. */
    public static String line(String transactionId) {
        return line(transactionId, Map.of());
    }

    /**
     * The JSON line of a valid record with some fields replaced by raw JSON text (which may be anything, e.g. a
     * float, a number out of range, a string with a control character); a null raw value drops the field.
     */
    public static String line(String transactionId, Map<String, String> rawOverrides) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("transaction_id", quoted(transactionId));
        fields.put("merchant_id", quoted("merchant-1"));
        fields.put("amount_minor", "1999");
        fields.put("currency", quoted("EUR"));
        fields.put("status", quoted("CAPTURED"));
        fields.put("occurred_at", quoted("2026-11-25T16:38:15.123Z"));
        fields.put("source_region", quoted("us-east-1"));
        fields.putAll(rawOverrides);
        StringBuilder line = new StringBuilder("{");
        fields.forEach((name, raw) -> {
            if (raw != null) {
                line.append(line.length() == 1 ? "" : ",").append(quoted(name)).append(':').append(raw);
            }
        });
        return line.append('}').toString();
    }

    /** A JSON string literal (Jackson's escaping). */
    public static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
