package io.paydr.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarehouseTargetTest {

    @Test
    void parsesWorkgroupSpecWithOrWithoutKind() {
        WarehouseTarget t = WarehouseTarget.parse("us-east-1:paydr-us-east-1:payments", null, null);
        assertEquals(new WarehouseTarget("us-east-1", WarehouseTarget.Kind.WORKGROUP, "paydr-us-east-1", "payments",
                null, null), t);
        assertEquals(t, WarehouseTarget.parse("us-east-1:workgroup=paydr-us-east-1:payments", " ", ""));
    }

    @Test
    void parsesClusterSpecWithItsCredentials() {
        WarehouseTarget t = WarehouseTarget.parse("eu-west-1:cluster=dw-1:payments", null, "ops_reader");
        assertEquals(WarehouseTarget.Kind.CLUSTER, t.kind());
        assertEquals("dw-1", t.name());
        assertEquals("ops_reader", t.dbUser());
        assertNull(t.secretArn());
        assertEquals("eu-west-1:cluster=dw-1:payments", t.toString());
    }

    @Test
    void rejectsMalformedSpecsWithTheExpectedForm() {
        OpsConfigException e = assertThrows(OpsConfigException.class,
                () -> WarehouseTarget.parse("us-east-1:payments", null, null));
        assertTrue(e.getMessage().contains("<region>:<workgroup>:<database>"), e.getMessage());
        assertThrows(OpsConfigException.class, () -> WarehouseTarget.parse("useast:wg:payments", null, null));
        assertThrows(OpsConfigException.class, () -> WarehouseTarget.parse("us-east-1:wg:pay;ments", null, null));
        assertThrows(OpsConfigException.class, () -> WarehouseTarget.parse("us-east-1:w g:payments", null, null));
    }

    @Test
    void credentialRulesFollowTheDataApi() {
        assertThrows(OpsConfigException.class, () -> WarehouseTarget.parse("us-east-1:cluster=c:db", null, null),
                "a cluster needs a secret or a db user");
        assertThrows(OpsConfigException.class, () -> WarehouseTarget.parse("us-east-1:wg:db", null, "u"),
                "db user is for clusters only");
        assertThrows(OpsConfigException.class,
                () -> WarehouseTarget.parse("us-east-1:cluster=c:db", "arn:aws:secretsmanager:x", "u"));
        assertThrows(OpsConfigException.class, () -> WarehouseTarget.parse("us-east-1:wg:db", "not-an-arn", null));
        assertEquals("arn:aws:secretsmanager:us-east-1:1:secret:s",
                WarehouseTarget.parse("us-east-1:wg:db", "arn:aws:secretsmanager:us-east-1:1:secret:s", null)
                        .secretArn());
    }
}
