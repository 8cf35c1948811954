package io.paydr.local.generator;

import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Realistic synthetic payments, fully determined by the seed and the start instant: a catalogue of
 * merchants with skewed popularity (a few big ones, a long tail), each selling in its home currency
 * (sometimes cross-border in another), log-normal ticket sizes per merchant category in correct minor
 * units (JPY without decimals, KWD with three), a status mix dominated by captures, refunds and
 * chargebacks as negative amounts, and event times advancing by exponential gaps (a Poisson stream).
 * Not thread-safe: one generator per publishing thread.
 */
public final class PaymentGenerator {

    /** Share of each status among generated payments. */
    public static final Map<PaymentStatus, Double> STATUS_MIX = Map.of(
            PaymentStatus.CAPTURED, 0.64,
            PaymentStatus.AUTHORIZED, 0.18,
            PaymentStatus.DECLINED, 0.11,
            PaymentStatus.REFUNDED, 0.05,
            PaymentStatus.CHARGEBACK, 0.02);

    private static final char[] ID_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final Random random;
    private final String sourceRegion;
    private final double meanGapMillis;
    private final WeightedChoice<Merchant> merchants;
    private final WeightedChoice<Currency> currencies;
    private final WeightedChoice<PaymentStatus> statuses;
    private Instant cursor;

    private PaymentGenerator(Builder b) {
        this.random = new Random(b.seed);
        this.sourceRegion = Objects.requireNonNull(b.sourceRegion, "source region");
        this.meanGapMillis = 1000.0 / b.eventsPerSecond;
        this.cursor = b.start.truncatedTo(ChronoUnit.MILLIS);
        this.currencies = new WeightedChoice<>(Arrays.asList(Currency.values()), c -> c.weight);
        this.merchants = new WeightedChoice<>(catalogue(b.merchantCount), Merchant::popularity);
        this.statuses = new WeightedChoice<>(List.copyOf(STATUS_MIX.keySet()).stream()
                .sorted().toList(), STATUS_MIX::get);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<PaymentTransaction> nextBatch(int size) {
        List<PaymentTransaction> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(next());
        }
        return batch;
    }

    public PaymentTransaction next() {
        cursor = cursor.plusMillis(Math.round(-Math.log(1 - random.nextDouble()) * meanGapMillis));
        Merchant m = merchants.pick(random);
        Currency currency = random.nextDouble() < m.category().foreignShare ? currencies.pick(random)
                : m.homeCurrency();
        PaymentStatus status = statuses.pick(random);
        long amount = currency.minorUnitsOf(ticketUsd(m.category(), status));
        boolean moneyGoesBack = status == PaymentStatus.REFUNDED || status == PaymentStatus.CHARGEBACK;
        return new PaymentTransaction("txn_" + randomId(20), m.id(), moneyGoesBack ? -amount : amount,
                currency.name(), status, cursor, sourceRegion);
    }

    /** Where the next payment's event time starts from (the last event time generated). */
    public Instant cursor() {
        return cursor;
    }

    private double ticketUsd(MerchantCategory category, PaymentStatus status) {
        double usd = category.medianUsd * Math.exp(category.sigma * random.nextGaussian());
        // a third of refunds are partial
        if (status == PaymentStatus.REFUNDED && random.nextDouble() < 0.33) {
            usd *= 0.1 + 0.8 * random.nextDouble();
        }
        return usd;
    }

    private List<Merchant> catalogue(int count) {
        MerchantCategory[] categories = MerchantCategory.values();
        List<Merchant> list = new ArrayList<>(count);
        for (int rank = 1; rank <= count; rank++) {
            MerchantCategory category = categories[random.nextInt(categories.length)];
            String id = "mch_" + category.slug + "_" + randomId(10).toLowerCase();
            // Zipf-like popularity: the top merchant is ~20x busier than the 50th
            list.add(new Merchant(id, category, currencies.pick(random), 1.0 / Math.pow(rank, 0.8)));
        }
        return list;
    }

    private String randomId(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(chars);
    }

    public static final class Builder {
        private long seed = 42;
        private String sourceRegion = "us-east-1";
        private Instant start = Instant.parse("2026-11-25T12:00:00Z");
        private double eventsPerSecond = 200;
        private int merchantCount = 250;

        public Builder seed(long v) { seed = v; return this; }
        public Builder sourceRegion(String v) { sourceRegion = v; return this; }
        /** Event time of the first payment (truncated to milliseconds, as on the wire). */
        public Builder start(Instant v) { start = v; return this; }
        /** Mean rate of event time: how densely payments are spread over time. */
        public Builder eventsPerSecond(double v) { eventsPerSecond = v; return this; }
        public Builder merchantCount(int v) { merchantCount = v; return this; }

        /** A start such that {@code records} payments at the configured rate end at about {@code end}. */
        public Builder endingAt(Instant end, long records) {
            return start(end.minus(Duration.ofMillis(Math.round(records * 1000.0 / eventsPerSecond))));
        }

        public PaymentGenerator build() {
            if (!(eventsPerSecond > 0)) {
                throw new IllegalArgumentException("events per second must be > 0, was " + eventsPerSecond);
            }
            if (merchantCount < 1) {
                throw new IllegalArgumentException("merchant count must be >= 1, was " + merchantCount);
            }
            return new PaymentGenerator(this);
        }
    }
}
