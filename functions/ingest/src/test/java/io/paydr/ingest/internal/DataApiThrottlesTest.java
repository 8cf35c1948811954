package io.paydr.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Service;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ActiveStatementsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

/** The DataApiThrottles metric counts the calls devstack's Data API refuses as throttled, and only those. */
class DataApiThrottlesTest {

    @Test
    void throttledCallsAreCountedOnceEachAndOtherFailuresAndSuccessesNot() {
        Devstack devstack = Devstack.shared();
        DataApiThrottles throttles = new DataApiThrottles();
        RedshiftDataClient client = throttles.counting(devstack.redshiftData(DevRegion.SECONDARY));
        ExecuteStatementResponse ok = client.executeStatement(r -> r.workgroupName("paydr-us-west-2")
                .database("payments").sql("SELECT 1"));
        assertTrue(ok.id() != null);
        assertThrows(AwsServiceException.class, () -> client.describeStatement(r -> r.id("no-such-statement")));
        assertEquals(0, throttles.takeCount(), "a success and a refused request are no throttles");

        devstack.faults().set(Service.REDSHIFT_DATA, DevRegion.SECONDARY, FaultSpec.throttling(1.0));
        try {
            for (int i = 0; i < 2; i++) {
                AwsServiceException e = assertThrows(AwsServiceException.class, () -> client.executeStatement(
                        r -> r.workgroupName("paydr-us-west-2").database("payments").sql("SELECT 1")));
                assertTrue(DataApiThrottles.isThrottle(e), e.toString());
            }
        } finally {
            devstack.faults().set(Service.REDSHIFT_DATA, DevRegion.SECONDARY, FaultSpec.NONE);
        }
        assertEquals(2, throttles.takeCount(), "one per call the SDK gave up on, whatever it retried");
        assertEquals(0, throttles.takeCount(), "taken: the next invocation starts from zero");
    }

    @Test
    void concurrencyLimitsCountAsThrottlesButValidationErrorsDoNot() {
        assertTrue(DataApiThrottles.isThrottle(ActiveStatementsExceededException.builder().message("x").build()));
        assertEquals(false, DataApiThrottles.isThrottle(ValidationException.builder().message("x").build()));
    }
}
