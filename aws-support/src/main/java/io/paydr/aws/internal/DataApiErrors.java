package io.paydr.aws.internal;

import io.paydr.aws.DataApiException;
import io.paydr.aws.DataApiException.Kind;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.redshiftdata.model.ActiveSessionsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.ActiveStatementsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.ActiveWaitingRequestsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.BatchExecuteStatementException;
import software.amazon.awssdk.services.redshiftdata.model.DatabaseConnectionException;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementException;
import software.amazon.awssdk.services.redshiftdata.model.InternalServerException;
import software.amazon.awssdk.services.redshiftdata.model.QueryTimeoutException;

/** Maps Data API failures to what the loader should do: retry later, bisect, or give up. */
public final class DataApiErrors {
    /**
     * Statement errors that say nothing about the payload: concurrency conflicts, lost connections, S3 hiccups
     * during COPY, cancellation by timeout. Matched case-insensitively in DescribeStatement's Error text.
     */
    private static final List<String> TRANSIENT_STATEMENT_ERRORS = List.of(
            "serializable isolation violation", "could not serialize access", "deadlock detected",
            "lock timeout", "canceling statement due to", "connection", "s3serviceexception", "slow down",
            "service unavailable", "internal error", "out of memory", "disk full", "too many", "timed out");

    private DataApiErrors() {
    }

    /** Classifies an exception thrown by a Data API call. */
    public static DataApiException fromCall(String operation, SdkException e) {
        return new DataApiException(isTransient(e) ? Kind.TRANSIENT : Kind.PERMANENT,
                operation + " failed: " + e.getMessage(), e);
    }

    public static boolean isTransient(SdkException e) {
        if (e instanceof ActiveStatementsExceededException || e instanceof ActiveSessionsExceededException
                || e instanceof ActiveWaitingRequestsExceededException || e instanceof InternalServerException
                || e instanceof DatabaseConnectionException || e instanceof QueryTimeoutException
                || e instanceof ExecuteStatementException || e instanceof BatchExecuteStatementException
                || e instanceof SdkClientException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || service.statusCode() == 429;
        }
        return e.retryable();
    }

    /** Classifies the Error text of a FAILED or ABORTED statement. */
    public static DataApiException fromStatement(String statementId, String status, String error) {
        String text = error == null ? "" : error;
        Kind kind = isTransientStatementError(status, text) ? Kind.TRANSIENT : Kind.STATEMENT_FAILED;
        return new DataApiException(kind, "statement " + statementId + " " + status + ": " + text);
    }

    public static boolean isTransientStatementError(String status, String error) {
        if ("ABORTED".equals(status)) {
            return true;
        }
        String lower = error.toLowerCase(Locale.ROOT);
        return TRANSIENT_STATEMENT_ERRORS.stream().anyMatch(lower::contains);
    }
}
