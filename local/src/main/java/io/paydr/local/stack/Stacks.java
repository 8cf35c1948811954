package io.paydr.local.stack;

/** Both Regions' stacks: the primary (application's Region, replication source) and its peer. */
public record Stacks(RegionStack primary, RegionStack secondary) {
}
