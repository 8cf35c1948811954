package io.paydr.local.generator;

import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PaymentValidator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaymentGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-25T17:00:00.000Z");

    private static PaymentGenerator generator(long seed) {
        return PaymentGenerator.builder().seed(seed).start(START).sourceRegion("us-east-1").build();
    }

    @Test
    void theSeedDeterminesEveryField() {
        assertEquals(generator(7).nextBatch(500), generator(7).nextBatch(500));
        assertNotEquals(generator(7).nextBatch(50), generator(8).nextBatch(50));
    }

    @Test
    void everyRecordSatisfiesTheV1Contract() {
        List<PaymentTransaction> batch = generator(1).nextBatch(20_000);
        assertEquals(List.of(), PaymentValidator.validate(batch));
        assertTrue(batch.stream().allMatch(t -> t.sourceRegion().equals("us-east-1")));
    }

    @Test
    void transactionIdsAreUniqueAndMerchantsAreSkewed() {
        List<PaymentTransaction> batch = generator(2).nextBatch(50_000);
        assertEquals(50_000, batch.stream().map(PaymentTransaction::transactionId).distinct().count());
        Map<String, Long> perMerchant = batch.stream()
                .collect(Collectors.groupingBy(PaymentTransaction::merchantId, Collectors.counting()));
        long busiest = perMerchant.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long median = perMerchant.values().stream().sorted().toList().get(perMerchant.size() / 2);
        assertTrue(perMerchant.size() > 100, "many merchants: " + perMerchant.size());
        assertTrue(busiest > 5 * median, "a few merchants dominate: busiest " + busiest + ", median " + median);
    }

    @Test
    void statusMixFollowsTheConfiguredShares() {
        List<PaymentTransaction> batch = generator(3).nextBatch(40_000);
        Map<PaymentStatus, Integer> counts = new EnumMap<>(PaymentStatus.class);
        batch.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        PaymentGenerator.STATUS_MIX.forEach((status, share) -> {
            double observed = counts.getOrDefault(status, 0) / 40_000.0;
            assertEquals(share, observed, 0.01, status.name());
        });
    }

    @Test
    void amountsAreMinorUnitsOfTheCurrencyWithRefundsNegative() {
        List<PaymentTransaction> batch = generator(4).nextBatch(20_000);
        Set<String> currencies = new HashSet<>();
        for (PaymentTransaction t : batch) {
            currencies.add(t.currency());
            boolean back = t.status() == PaymentStatus.REFUNDED || t.status() == PaymentStatus.CHARGEBACK;
            assertEquals(back, t.amountMinor() < 0, t.toString());
            assertNotEquals(0, t.amountMinor());
            if (t.currency().equals("JPY")) {
                assertEquals(0, t.amountMinor() % 10, "yen prices are whole tens: " + t);
            }
        }
        assertTrue(currencies.containsAll(Set.of("USD", "EUR", "GBP", "JPY", "KWD")), currencies.toString());
        double medianUsdCents = batch.stream().filter(t -> t.currency().equals("USD") && t.amountMinor() > 0)
                .mapToLong(PaymentTransaction::amountMinor).sorted().skip(2000).findFirst().orElseThrow();
        assertTrue(medianUsdCents > 500 && medianUsdCents < 50_000, "typical USD tickets are $5..$500");
    }

    @Test
    void eventTimesMoveForwardInMillisecondsAtTheConfiguredRate() {
        PaymentGenerator g = PaymentGenerator.builder().seed(5).start(START).eventsPerSecond(100).build();
        List<PaymentTransaction> batch = g.nextBatch(10_000);
        for (int i = 1; i < batch.size(); i++) {
            assertTrue(!batch.get(i).occurredAt().isBefore(batch.get(i - 1).occurredAt()));
            assertEquals(batch.get(i).occurredAt(), batch.get(i).occurredAt().truncatedTo(ChronoUnit.MILLIS));
        }
        double spanSeconds = (g.cursor().toEpochMilli() - START.toEpochMilli()) / 1000.0;
        assertEquals(100, spanSeconds, 10, "10,000 events at 100/s span about 100 s");
    }

    @Test
    void endingAtPlacesTheStreamBeforeTheGivenInstant() {
        Instant end = Instant.parse("2026-11-25T18:00:00Z");
        PaymentGenerator g = PaymentGenerator.builder().seed(6).eventsPerSecond(50).endingAt(end, 5000).build();
        g.nextBatch(5000);
        assertTrue(Math.abs(g.cursor().toEpochMilli() - end.toEpochMilli()) < 15_000, g.cursor().toString());
    }
}
