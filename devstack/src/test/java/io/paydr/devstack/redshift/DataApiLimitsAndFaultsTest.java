package io.paydr.devstack.redshift;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.ActiveStatementsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.InternalServerException;
import software.amazon.awssdk.services.redshiftdata.model.RedshiftDataException;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Data API's limits and request validation, and the fault switchboard applied to it. */
class DataApiLimitsAndFaultsTest {

    TestWarehouse wh;

    @BeforeEach
    void start() {
        wh = TestWarehouse.start(b -> b.maxActiveStatements(2));
    }

    @AfterEach
    void stop() {
        wh.close();
    }

    @Test
    void sqlLongerThan100KbIsRejected() {
        String big = "SELECT '" + "x".repeat(100 * 1024) + "'";
        ValidationException e = assertThrows(ValidationException.class, () -> wh.submit(big));
        assertTrue(e.getMessage().contains("100 KB"), e.getMessage());
        assertEquals(StatusString.FINISHED, wh.run("SELECT '" + "x".repeat(90 * 1024) + "'").status());
    }

    @Test
    void activeStatementLimitIsEnforced() {
        String a = wh.submit("SELECT pg_sleep(30)");
        String b = wh.submit("SELECT pg_sleep(30)");
        assertThrows(ActiveStatementsExceededException.class, () -> wh.submit("SELECT 1"));
        wh.client.cancelStatement(r -> r.id(a));
        wh.client.cancelStatement(r -> r.id(b));
        wh.awaitFinal(a);
        wh.awaitFinal(b);
        assertEquals(StatusString.FINISHED, wh.run("SELECT 1").status(), "ended statements free their slots");
    }

    @Test
    void targetAndCredentialsAreValidatedAsAwsDoes() {
        assertThrows(ValidationException.class, () -> wh.client.executeStatement(b -> b.database("payments").sql("SELECT 1")),
                "neither workgroup nor cluster");
        assertThrows(ValidationException.class, () -> wh.client.executeStatement(b -> b.database("payments").sql("SELECT 1")
                .workgroupName("w").clusterIdentifier("c")), "both workgroup and cluster");
        assertThrows(ValidationException.class, () -> wh.client.executeStatement(b -> b.database("payments").sql("SELECT 1")
                .clusterIdentifier("c")), "cluster without SecretArn or DbUser");
        String id = wh.client.executeStatement(b -> b.database("payments").sql("SELECT 1").clusterIdentifier("c").dbUser("u")).id();
        assertEquals(StatusString.FINISHED, wh.awaitFinal(id).status());
    }

    @Test
    void faultsAreRenderedInTheDataApiProtocol() {
        wh.faults.set(Service.REDSHIFT_DATA, DevRegion.PRIMARY, FaultSpec.throttling(1));
        assertThrows(ActiveStatementsExceededException.class, () -> wh.submit("SELECT 1"));
        wh.faults.set(Service.REDSHIFT_DATA, DevRegion.PRIMARY, FaultSpec.serverErrors(1));
        InternalServerException ise = assertThrows(InternalServerException.class, () -> wh.submit("SELECT 1"));
        assertEquals(500, ise.statusCode());
        wh.faults.set(Service.REDSHIFT_DATA, DevRegion.SECONDARY, FaultSpec.NONE);
        wh.faults.set(Service.REDSHIFT_DATA, DevRegion.PRIMARY, FaultSpec.NONE);
        wh.faults.regionDown(DevRegion.PRIMARY, true);
        RedshiftDataException down = assertThrows(RedshiftDataException.class, () -> wh.submit("SELECT 1"));
        assertEquals(503, down.statusCode());
        wh.faults.clear();
        assertEquals(StatusString.FINISHED, wh.run("SELECT 1").status());
    }

    @Test
    void faultsOfTheOtherRegionDoNotApply() {
        wh.faults.regionDown(DevRegion.SECONDARY, true);
        wh.faults.set(Service.REDSHIFT_DATA, DevRegion.SECONDARY, FaultSpec.serverErrors(1));
        wh.faults.set(Service.S3, DevRegion.PRIMARY, FaultSpec.serverErrors(1));
        assertEquals(StatusString.FINISHED, wh.run("SELECT 1").status());
    }
}
