package io.paydr.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PaymentValidatorTest {

    private static PaymentTransaction withRegion(String region) {
        PaymentTransaction v = Fixtures.valid(1);
        return new PaymentTransaction(v.transactionId(), v.merchantId(), v.amountMinor(), v.currency(), v.status(),
                v.occurredAt(), region);
    }

    @Test
    void validBatchHasNoViolations() {
        assertEquals(List.of(), PaymentValidator.validate(Fixtures.batch(50)));
        PaymentValidator.requireValid(Fixtures.batch(3));
    }

    @Test
    void reportsEveryViolationOfEveryRecordWithIndexFieldAndRule() {
        List<PaymentTransaction> batch = new ArrayList<>(Fixtures.batch(5));
        batch.set(1, new PaymentTransaction("bad id!", "", 1, "eur", null, null, "moon"));
        batch.set(3, new PaymentTransaction("x".repeat(65), "m", 1, "EUR", PaymentStatus.CAPTURED,
                Instant.parse("+10000-01-01T00:00:00Z"), "us-east-1"));
        batch.set(4, null);

        List<Violation> v = PaymentValidator.validate(batch);

        assertEquals(List.of(
                new Violation(1, "transaction_id", PaymentValidator.RULE_TRANSACTION_ID),
                new Violation(1, "merchant_id", PaymentValidator.RULE_MERCHANT_ID),
                new Violation(1, "currency", PaymentValidator.RULE_CURRENCY),
                new Violation(1, "status", PaymentValidator.RULE_STATUS),
                new Violation(1, "occurred_at", PaymentValidator.RULE_OCCURRED_AT),
                new Violation(1, "source_region", PaymentValidator.RULE_SOURCE_REGION),
                new Violation(3, "transaction_id", PaymentValidator.RULE_TRANSACTION_ID),
                new Violation(3, "occurred_at", PaymentValidator.RULE_OCCURRED_AT),
                new Violation(4, "record", PaymentValidator.RULE_RECORD)), v);
    }

    @Test
    void requireValidThrowsWithAllViolationsAndReadableMessage() {
        List<PaymentTransaction> batch = List.of(Fixtures.valid(0),
                new PaymentTransaction("ok", "m", 1, "EURO", PaymentStatus.DECLINED, Instant.EPOCH, "us-east-1"),
                new PaymentTransaction("ok2", "m", 1, "EUR", PaymentStatus.DECLINED, Instant.EPOCH, "US-EAST-1"));
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> PaymentValidator.requireValid(batch));
        assertEquals(2, e.violations().size());
        assertTrue(e.getMessage().contains("record 1 field currency: must be an ISO 4217 code"), e.getMessage());
        assertTrue(e.getMessage().contains("record 2 field source_region"), e.getMessage());
        assertFalse(e.getMessage().contains("EURO"), "the message names rules, not values");
    }

    @Test
    void merchantIdLimitCountsUtf8BytesLikeRedshiftVarchar() {
        PaymentTransaction base = Fixtures.valid(0);
        String bytes64 = "é".repeat(32);
        String bytes66 = "é".repeat(33);
        assertTrue(PaymentValidator.isMerchantId(bytes64));
        assertFalse(PaymentValidator.isMerchantId(bytes66));
        assertFalse(PaymentValidator.isMerchantId("tab\there"));
        assertFalse(PaymentValidator.isMerchantId("lone\uD800surrogate"));
        assertTrue(PaymentValidator.isMerchantId("emoji \uD83D\uDE00 ok"));
        assertEquals(1, PaymentValidator.validate(List.of(new PaymentTransaction(base.transactionId(), bytes66,
                1, "EUR", PaymentStatus.CAPTURED, Instant.EPOCH, "us-east-1"))).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "us-west-2", "eu-central-1", "ap-southeast-3", "us-gov-west-1", "cn-north-1"})
    void acceptsRegionNames(String region) {
        assertEquals(List.of(), PaymentValidator.validate(List.of(withRegion(region))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "us-east", "us-east-", "us-east-123", "US-east-1", "us_east_1", "-us-east-1",
            "us--east-1", "abcdefghijklmnopqrstuvwxyzabcd-e-1"})
    void rejectsOtherRegionStrings(String region) {
        List<Violation> v = PaymentValidator.validate(List.of(withRegion(region)));
        assertEquals(List.of(new Violation(0, "source_region", PaymentValidator.RULE_SOURCE_REGION)), v);
    }

    @Test
    void transactionIdBoundaries() {
        char[] sixtyFour = new char[64];
        Arrays.fill(sixtyFour, 'A');
        assertTrue(PaymentValidator.isTransactionId(new String(sixtyFour)));
        assertTrue(PaymentValidator.isTransactionId("a_Z-9"));
        assertFalse(PaymentValidator.isTransactionId(""));
        assertFalse(PaymentValidator.isTransactionId(null));
        assertFalse(PaymentValidator.isTransactionId("tx.1"));
        assertFalse(PaymentValidator.isTransactionId("tx\u00e91"));
    }
}
