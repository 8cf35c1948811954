package io.paydr.devstack.sns.internal;

/**
 * An SNS error as the Query protocol reports it: HTTP status, fault side (Sender/Receiver), code and message.
 * The codes are the ones AWS sends, so SDK clients map them to their modeled exceptions.
 */
public final class SnsError extends RuntimeException {

    private final int status;
    private final boolean senderFault;
    private final String code;

    private SnsError(int status, boolean senderFault, String code, String message) {
        super(message);
        this.status = status;
        this.senderFault = senderFault;
        this.code = code;
    }

    public static SnsError sender(int status, String code, String message) {
        return new SnsError(status, true, code, message);
    }

    public static SnsError receiver(int status, String code, String message) {
        return new SnsError(status, false, code, message);
    }

    /** AWS: {@code InvalidParameter}, e.g. "Invalid parameter: TopicArn". */
    public static SnsError invalidParameter(String message) {
        return sender(400, "InvalidParameter", message);
    }

    /** AWS: {@code ParameterValueInvalid} (the SDK's InvalidParameterValueException), used for message attributes. */
    public static SnsError invalidParameterValue(String message) {
        return sender(400, "ParameterValueInvalid", message);
    }

    public static SnsError notFound(String message) {
        return sender(404, "NotFound", message);
    }

    public int status() {
        return status;
    }

    public boolean senderFault() {
        return senderFault;
    }

    public String code() {
        return code;
    }
}
