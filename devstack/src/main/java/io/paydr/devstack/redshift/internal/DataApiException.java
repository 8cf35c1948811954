package io.paydr.devstack.redshift.internal;

/** An error the Data API returns to the caller: its {@code __type}, HTTP status and message. */
public final class DataApiException extends RuntimeException {

    private final String type;
    private final int httpStatus;

    public DataApiException(String type, int httpStatus, String message) {
        super(message);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public static DataApiException validation(String message) {
        return new DataApiException("ValidationException", 400, message);
    }

    public static DataApiException notFound(String message) {
        return new DataApiException("ResourceNotFoundException", 400, message);
    }

    public String type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
