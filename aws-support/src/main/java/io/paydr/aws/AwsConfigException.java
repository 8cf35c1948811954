package io.paydr.aws;

/**
 * Configuration read from an environment map is wrong; the message names the variable at fault. The ingest
 * function's {@code ConfigurationException} is one of these, for its own variables.
 */
public class AwsConfigException extends RuntimeException {
    private final String variable;
    private final String problem;

    public AwsConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
        this.problem = problem;
    }

    /** The environment variable (or option) that is missing or invalid. */
    public String variable() {
        return variable;
    }

    /** What is wrong with it, without the variable's name. */
    public String problem() {
        return problem;
    }
}
