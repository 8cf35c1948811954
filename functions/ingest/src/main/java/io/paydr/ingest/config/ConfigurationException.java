package io.paydr.ingest.config;

import io.paydr.aws.AwsConfigException;

/** A start-up configuration error; the message always names the offending environment variable. */
public final class ConfigurationException extends AwsConfigException {
    public ConfigurationException(String variable, String problem) {
        super(variable, problem);
    }
}
