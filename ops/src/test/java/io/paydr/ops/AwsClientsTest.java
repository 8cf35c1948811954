package io.paydr.ops;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AwsClientsTest {

    @Test
    void perRegionOverrideWinsThenServiceThenGlobal() {
        AwsClients c = AwsClients.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL_REDSHIFT_DATA_US_WEST_2", "http://localhost:2",
                "AWS_ENDPOINT_URL_REDSHIFT_DATA", "http://localhost:1",
                "AWS_ENDPOINT_URL", "http://localhost:9"));
        assertEquals(URI.create("http://localhost:2"), c.redshiftDataEndpoint("us-west-2"));
        assertEquals(URI.create("http://localhost:1"), c.redshiftDataEndpoint("us-east-1"));
        assertEquals(URI.create("http://localhost:9"),
                AwsClients.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://localhost:9")).redshiftDataEndpoint("eu-west-1"));
    }

    @Test
    void noOverrideMeansTheAwsEndpoint() {
        assertNull(AwsClients.fromEnvironment(Map.of("AWS_REGION", "us-east-1")).redshiftDataEndpoint("us-east-1"));
    }

    @Test
    void badEndpointIsAConfigurationErrorNamingTheVariable() {
        OpsConfigException e = assertThrows(OpsConfigException.class, () -> AwsClients.fromEnvironment(
                Map.of("AWS_ENDPOINT_URL_REDSHIFT_DATA", "localhost")).redshiftDataEndpoint("us-east-1"));
        assertEquals("AWS_ENDPOINT_URL_REDSHIFT_DATA 'localhost' must be an absolute URL such as http://localhost:4566",
                e.getMessage());
    }
}
