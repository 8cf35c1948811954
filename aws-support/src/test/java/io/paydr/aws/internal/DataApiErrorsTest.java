package io.paydr.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.paydr.aws.DataApiException;
import io.paydr.aws.DataApiException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.redshiftdata.model.ActiveStatementsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.ResourceNotFoundException;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

class DataApiErrorsTest {
    @Test
    void tooManyActiveStatementsIsTransient() {
        DataApiException e = DataApiErrors.fromCall("BatchExecuteStatement",
                ActiveStatementsExceededException.builder().message("200 active statements").build());
        assertEquals(Kind.TRANSIENT, e.kind());
    }

    @Test
    void throttlingAndServerErrorsAreTransient() {
        AwsServiceException throttled = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build();
        AwsServiceException unavailable = AwsServiceException.builder().statusCode(503).build();

        assertEquals(Kind.TRANSIENT, DataApiErrors.fromCall("DescribeStatement", throttled).kind());
        assertEquals(Kind.TRANSIENT, DataApiErrors.fromCall("DescribeStatement", unavailable).kind());
        assertEquals(Kind.TRANSIENT, DataApiErrors.fromCall("ExecuteStatement",
                SdkClientException.create("connection refused")).kind());
    }

    @Test
    void requestErrorsArePermanent() {
        assertEquals(Kind.PERMANENT, DataApiErrors.fromCall("ExecuteStatement",
                ValidationException.builder().message("bad").statusCode(400).build()).kind());
        assertEquals(Kind.PERMANENT, DataApiErrors.fromCall("ExecuteStatement",
                ResourceNotFoundException.builder().message("no workgroup").statusCode(400).build()).kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FAILED|ERROR: 1023 DETAIL: Serializable isolation violation on table - 100, transactions forming the cycle are: 1, 2|TRANSIENT",
            "FAILED|ERROR: deadlock detected|TRANSIENT",
            "FAILED|S3ServiceException:Please reduce your request rate. Status 503,Error SlowDown|TRANSIENT",
            "ABORTED|Statement was cancelled|TRANSIENT",
            "FAILED|ERROR: value too long for type character varying(64)|STATEMENT_FAILED",
            "FAILED|ERROR: null value in column \"merchant_id\" violates not-null constraint|STATEMENT_FAILED",
            "FAILED|ERROR: relation \"public.payments\" does not exist|STATEMENT_FAILED",
    })
    void statementErrorsSplitIntoRetryLaterAndLookForTheCulprit(String status, String error, Kind expected) {
        assertEquals(expected, DataApiErrors.fromStatement("id-1", status, error).kind());
    }
}
