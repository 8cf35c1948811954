package io.paydr.local.generator;

/**
 * Settlement currencies of the synthetic merchants, with their ISO 4217 minor-unit exponent, a rough
 * rate per US dollar (to scale amounts), the price granularity shoppers see, and how common they are.
 */
enum Currency {
    USD(2, 1.0, 1, 38),
    EUR(2, 0.92, 1, 20),
    GBP(2, 0.79, 1, 10),
    JPY(0, 150.0, 10, 6),
    CAD(2, 1.36, 1, 5),
    AUD(2, 1.52, 1, 4),
    INR(2, 83.0, 100, 4),
    BRL(2, 5.0, 1, 3),
    CHF(2, 0.88, 5, 3),
    SEK(2, 10.5, 100, 2),
    KRW(0, 1330.0, 100, 2),
    KWD(3, 0.31, 5, 2),
    BHD(3, 0.377, 5, 1);

    /** digits after the decimal point: 2 for USD (cents), 0 for JPY, 3 for KWD (fils) */
    final int exponent;
    final double perUsd;
    /** prices are multiples of this many minor units (e.g. JPY 10, INR 1 rupee = 100 paise) */
    final long granularity;
    final int weight;

    Currency(int exponent, double perUsd, long granularity, int weight) {
        this.exponent = exponent;
        this.perUsd = perUsd;
        this.granularity = granularity;
        this.weight = weight;
    }

    /** A US-dollar price in this currency's minor units, rounded to its price granularity, at least one step. */
    long minorUnitsOf(double usd) {
        double minor = usd * perUsd * Math.pow(10, exponent);
        long steps = Math.max(1, Math.round(minor / granularity));
        return steps * granularity;
    }
}
