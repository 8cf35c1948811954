package io.paydr.ingest.config;

/** A start-up configuration error; the message always names the offending environment variable. */
public final class ConfigurationException extends RuntimeException {
    private final String variable;

    public ConfigurationException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    /** The environment variable that is missing or invalid. */
    public String variable() {
        return variable;
    }
}
