package io.paydr.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The v1 field rules (docs/architecture.md section 2). Collects every violation of every record instead of stopping at the
 * first, so a caller can fix a batch in one go. Checks are hand-written character loops: this runs once per record
 * on the publish path and on the load path.
 */
public final class PaymentValidator {

    public static final String RULE_TRANSACTION_ID = "must match [A-Za-z0-9_-]{1,64}";
    public static final String RULE_MERCHANT_ID = "must be 1-64 UTF-8 bytes without control characters";
    public static final String RULE_CURRENCY = "must be an ISO 4217 code of 3 upper-case letters";
    public static final String RULE_STATUS = "must be one of AUTHORIZED, CAPTURED, REFUNDED, DECLINED, CHARGEBACK";
    public static final String RULE_OCCURRED_AT = "must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z";
    public static final String RULE_SOURCE_REGION = "must be an AWS Region name such as us-east-1 (at most 32 characters)";
    public static final String RULE_RECORD = "must not be null";

    private static final Instant MIN_OCCURRED_AT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_OCCURRED_AT = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_REGION_LENGTH = 32;

    private PaymentValidator() {
    }

    /** Every violation of every record, in record order; empty when the batch is valid. */
    public static List<Violation> validate(List<PaymentTransaction> batch) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            collect(i, batch.get(i), violations);
        }
        return violations;
    }

    /** Every violation of one record, reported under the given index. */
    public static List<Violation> validate(int recordIndex, PaymentTransaction record) {
        List<Violation> violations = new ArrayList<>(0);
        collect(recordIndex, record, violations);
        return violations;
    }

    /** @throws ContractViolationException listing every violation, if there is any */
    public static void requireValid(List<PaymentTransaction> batch) {
        List<Violation> violations = validate(batch);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(violations);
        }
    }

    private static void collect(int i, PaymentTransaction r, List<Violation> out) {
        if (r == null) {
            out.add(new Violation(i, "record", RULE_RECORD));
            return;
        }
        if (!isTransactionId(r.transactionId())) {
            out.add(new Violation(i, "transaction_id", RULE_TRANSACTION_ID));
        }
        if (!isMerchantId(r.merchantId())) {
            out.add(new Violation(i, "merchant_id", RULE_MERCHANT_ID));
        }
        if (!isCurrency(r.currency())) {
            out.add(new Violation(i, "currency", RULE_CURRENCY));
        }
        if (r.status() == null) {
            out.add(new Violation(i, "status", RULE_STATUS));
        }
        if (!isOccurredAt(r.occurredAt())) {
            out.add(new Violation(i, "occurred_at", RULE_OCCURRED_AT));
        }
        if (!isRegion(r.sourceRegion())) {
            out.add(new Violation(i, "source_region", RULE_SOURCE_REGION));
        }
    }

    static boolean isTransactionId(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static boolean isMerchantId(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_ID_LENGTH) {
            return false;
        }
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                return false;
            }
            ascii &= c < 0x80;
        }
        // Redshift VARCHAR(64) counts bytes, not characters.
        return ascii || s.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_LENGTH;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    static boolean isCurrency(String s) {
        if (s == null || s.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    static boolean isOccurredAt(Instant t) {
        return t != null && !t.isBefore(MIN_OCCURRED_AT) && !t.isAfter(MAX_OCCURRED_AT);
    }

    /** Region names: two or more dash-separated lower-case words, then a 1-2 digit number, e.g. us-gov-west-1. */
    static boolean isRegion(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_REGION_LENGTH) {
            return false;
        }
        int lastDash = s.lastIndexOf('-');
        int digits = s.length() - lastDash - 1;
        if (lastDash < 0 || digits < 1 || digits > 2) {
            return false;
        }
        for (int i = lastDash + 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        int words = 0;
        int wordLength = 0;
        for (int i = 0; i <= lastDash; i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (wordLength == 0) {
                    return false;
                }
                words++;
                wordLength = 0;
            } else if (c >= 'a' && c <= 'z') {
                wordLength++;
            } else {
                return false;
            }
        }
        return words >= 2;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
