package io.paydr.local.generator;

/**
 * Kinds of merchant, each with a log-normal ticket size in US dollars (median and spread) and a share of
 * payments made in a currency other than the merchant's own (cross-border sales).
 */
enum MerchantCategory {
    GROCERY("grocer", 38, 0.6, 0.02),
    RESTAURANT("diner", 31, 0.5, 0.05),
    FUEL("fuel", 52, 0.35, 0.01),
    ELECTRONICS("tech", 240, 0.9, 0.10),
    FASHION("style", 85, 0.7, 0.15),
    TRAVEL("travel", 620, 0.8, 0.35),
    SUBSCRIPTION("subs", 14, 0.3, 0.20),
    MARKETPLACE("market", 47, 1.1, 0.30);

    final String slug;
    final double medianUsd;
    final double sigma;
    final double foreignShare;

    MerchantCategory(String slug, double medianUsd, double sigma, double foreignShare) {
        this.slug = slug;
        this.medianUsd = medianUsd;
        this.sigma = sigma;
        this.foreignShare = foreignShare;
    }
}
