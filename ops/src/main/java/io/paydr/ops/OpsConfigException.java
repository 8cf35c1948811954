package io.paydr.ops;

/** The command or the library was configured wrongly (bad option, missing value); nothing was attempted. */
public class OpsConfigException extends IllegalArgumentException {
    public OpsConfigException(String message) {
        super(message);
    }
}
