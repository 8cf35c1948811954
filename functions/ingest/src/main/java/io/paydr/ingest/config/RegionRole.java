package io.paydr.ingest.config;

import java.util.Locale;

/** Whether this stack runs in the Region where the application publishes, or in the standby Region. */
public enum RegionRole {
    PRIMARY, SECONDARY;

    static RegionRole parse(String variable, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(variable, "must be primary or secondary, was '" + value + "'");
        }
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
