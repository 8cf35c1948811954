package io.paydr.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsEnvironmentTest {

    @Test
    void perRegionOverrideWinsThenServiceThenGlobal() {
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL_REDSHIFT_DATA_US_WEST_2", "http://localhost:2",
                "AWS_ENDPOINT_URL_REDSHIFT_DATA", "http://localhost:1",
                "AWS_ENDPOINT_URL", "http://localhost:9");
        assertEquals(Optional.of(URI.create("http://localhost:2")),
                AwsEnvironment.forRegion(env, "us-west-2").redshiftDataEndpoint());
        assertEquals(Optional.of(URI.create("http://localhost:1")),
                AwsEnvironment.forRegion(env, "us-east-1").redshiftDataEndpoint());
        assertEquals(Optional.of(URI.create("http://localhost:9")),
                AwsEnvironment.forRegion(Map.of("AWS_ENDPOINT_URL", "http://localhost:9"), "eu-west-1")
                        .redshiftDataEndpoint());
    }

    @Test
    void noOverrideMeansTheAwsEndpoint() {
        AwsEnvironment aws = AwsEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));
        assertEquals("us-east-1", aws.region());
        assertTrue(aws.redshiftDataEndpoint().isEmpty());
        assertTrue(aws.s3Endpoint().isEmpty());
        assertFalse(aws.s3PathStyle());
    }

    @Test
    void badEndpointIsAConfigurationErrorNamingTheVariable() {
        AwsConfigException e = assertThrows(AwsConfigException.class, () -> AwsEnvironment.forRegion(
                Map.of("AWS_ENDPOINT_URL_REDSHIFT_DATA", "localhost"), "us-east-1"));
        assertEquals("AWS_ENDPOINT_URL_REDSHIFT_DATA", e.variable());
        assertTrue(e.getMessage().contains("http://localhost:4566"), e.getMessage());
    }

    @Test
    void regionIsRequiredAndChecked() {
        assertEquals("AWS_REGION", assertThrows(AwsConfigException.class,
                () -> AwsEnvironment.fromEnvironment(Map.of())).variable());
        assertEquals("AWS_REGION", assertThrows(AwsConfigException.class,
                () -> AwsEnvironment.forRegion(Map.of(), "mars-1")).variable());
    }

    @Test
    void credentialsComeInPairsAndStayOutOfToString() {
        assertEquals("AWS_SECRET_ACCESS_KEY", assertThrows(AwsConfigException.class, () -> AwsEnvironment
                .forRegion(Map.of("AWS_ACCESS_KEY_ID", "id"), "us-east-1")).variable());
        AwsEnvironment aws = AwsEnvironment.forRegion(Map.of("AWS_ACCESS_KEY_ID", "id",
                "AWS_SECRET_ACCESS_KEY", "s3cr3t", "PAYDR_S3_PATH_STYLE", "true"), "us-east-1");
        assertTrue(aws.s3PathStyle());
        assertFalse(aws.toString().contains("s3cr3t"), aws.toString());
    }
}
