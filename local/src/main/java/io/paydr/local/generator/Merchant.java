package io.paydr.local.generator;

/** A synthetic merchant: its id, what it sells, where it settles, and how busy it is relative to others. */
record Merchant(String id, MerchantCategory category, Currency homeCurrency, double popularity) {
}
