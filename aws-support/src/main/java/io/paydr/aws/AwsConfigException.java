package io.paydr.aws;

/** The AWS settings in an environment map are wrong; the message names the variable at fault. */
public final class AwsConfigException extends IllegalArgumentException {
    private final String variable;

    public AwsConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    /** The environment variable (or option) that is missing or invalid. */
    public String variable() {
        return variable;
    }
}
