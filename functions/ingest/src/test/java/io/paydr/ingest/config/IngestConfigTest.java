package io.paydr.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.aws.TableName;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestConfigTest {

    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-west-2");
        env.put("REGION_ROLE", "secondary");
        env.put("REDSHIFT_WORKGROUP", "paydr-us-west-2");
        env.put("REDSHIFT_DATABASE", "payments");
        env.put("REDSHIFT_SECRET_ARN", "arn:aws:secretsmanager:us-west-2:123456789012:secret:paydr-AbCdEf");
        env.put("ALLOWED_BUCKETS", "paydr-payloads-us-east-1, paydr-payloads-us-west-2");
        env.put("STAGING_BUCKET", "paydr-payloads-us-west-2");
        return env;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = minimal();
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return env;
    }

    @Test
    void minimalEnvironmentGetsTheDocumentedDefaults() {
        IngestConfig config = IngestConfig.fromEnvironment(minimal());

        assertEquals(RegionRole.SECONDARY, config.regionRole());
        assertEquals("us-west-2", config.region());
        assertEquals(Optional.of("paydr-us-west-2"), config.redshift().workgroupName());
        assertEquals("payments", config.redshift().database());
        assertEquals("default", config.copyRole());
        assertEquals(Map.of("payments", new TableName("public", "payments")), config.datasetTables());
        assertEquals(new TableName("public", "payments_ingest_ledger"), config.ledgerTable());
        assertEquals(Set.of("paydr-payloads-us-east-1", "paydr-payloads-us-west-2"), config.allowedBuckets());
        assertEquals(262_144, config.copyThresholdBytes());
        assertEquals(Duration.ofMillis(100), config.pollInitial());
        assertEquals(Duration.ofSeconds(1), config.pollMax());
        assertTrue(config.replicaBuckets().isEmpty());
        assertTrue(config.aws().s3Endpoint().isEmpty());
        assertFalse(config.aws().s3PathStyle());
    }

    @Test
    void readsEveryOptionalSetting() {
        Map<String, String> env = minimal();
        env.remove("REDSHIFT_WORKGROUP");
        env.remove("REDSHIFT_SECRET_ARN");
        env.put("REDSHIFT_CLUSTER_ID", "paydr-cluster");
        env.put("REDSHIFT_DB_USER", "loader");
        env.put("REDSHIFT_COPY_ROLE_ARN", "arn:aws:iam::123456789012:role/paydr-copy");
        env.put("DATASET_TABLES", "payments=analytics.payments,refunds=refunds");
        env.put("LEDGER_TABLE", "analytics.ledger");
        env.put("REPLICA_BUCKETS", "paydr-payloads-us-east-1=paydr-replica-us-west-2");
        env.put("COPY_THRESHOLD_BYTES", "1048576");
        env.put("QUEUE_URL", "http://localhost:9324/000000000000/paydr");
        env.put("STAGING_BUCKET", "paydr-staging");
        env.put("DRAIN_MAX_MESSAGES", "250");
        env.put("POLL_INITIAL_MILLIS", "50");
        env.put("POLL_MAX_MILLIS", "1000");
        env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4566");
        env.put("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324");
        env.put("AWS_ENDPOINT_URL_REDSHIFT_DATA", "http://127.0.0.1:7000");
        env.put("PAYDR_S3_PATH_STYLE", "true");

        IngestConfig config = IngestConfig.fromEnvironment(env);

        assertEquals(Optional.of("paydr-cluster"), config.redshift().clusterIdentifier());
        assertEquals(Optional.of("loader"), config.redshift().dbUser());
        assertEquals("arn:aws:iam::123456789012:role/paydr-copy", config.copyRole());
        assertEquals(Optional.of(new TableName("analytics", "payments")), config.tableFor("payments"));
        assertEquals(Optional.of(new TableName("public", "refunds")), config.tableFor("refunds"));
        assertEquals(Optional.empty(), config.tableFor("chargebacks"));
        assertEquals(new TableName("analytics", "ledger"), config.ledgerTable());
        assertEquals(Optional.of("paydr-replica-us-west-2"), config.replicaOf("paydr-payloads-us-east-1"));
        assertEquals(Optional.empty(), config.replicaOf("paydr-payloads-us-west-2"));
        assertEquals(1_048_576, config.copyThresholdBytes());
        assertEquals(Duration.ofMillis(50), config.pollInitial());
        assertEquals(Duration.ofSeconds(1), config.pollMax());
        assertEquals(new DrainSettings("http://localhost:9324/000000000000/paydr", 250), config.drain());
        assertEquals("paydr-staging", config.stagingBucket());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), config.aws().s3Endpoint());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:7000")), config.aws().redshiftDataEndpoint());
        assertTrue(config.aws().s3PathStyle());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "<unset>", value = {
            "REGION_ROLE|<unset>",
            "REGION_ROLE|tertiary",
            "AWS_REGION|<unset>",
            "AWS_REGION|mars-1",
            "REDSHIFT_WORKGROUP|<unset>",
            "REDSHIFT_DATABASE|<unset>",
            "REDSHIFT_DATABASE|pay'; drop table x; --",
            "REDSHIFT_SECRET_ARN|<unset>",
            "REDSHIFT_COPY_ROLE_ARN|arn:aws:iam::123:role/x' GZIP",
            "DATASET_TABLES|payments=public.payments; drop table x",
            "DATASET_TABLES|payments",
            "DATASET_TABLES|Pay=public.payments",
            "LEDGER_TABLE|public.payments",
            "LEDGER_TABLE|a.b.c",
            "ALLOWED_BUCKETS|<unset>",
            "ALLOWED_BUCKETS|' , '",
            "ALLOWED_BUCKETS|Bad_Bucket",
            "REPLICA_BUCKETS|paydr-a",
            "REPLICA_BUCKETS|paydr-a=paydr-b,paydr-a=paydr-c",
            "COPY_THRESHOLD_BYTES|-1",
            "COPY_THRESHOLD_BYTES|lots",
            "DRAIN_MAX_MESSAGES|0",
            "POLL_INITIAL_MILLIS|0",
            "POLL_MAX_MILLIS|soon",
            "POLL_MAX_MILLIS|4",
            "STAGING_BUCKET|no_underscores",
            "STAGING_BUCKET|<unset>",
            "DATASET_TABLES|payments=p_120_characters_long_so_its_conflicts_table_is_too_long_for_an_identifier_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "AWS_ENDPOINT_URL_S3|localhost:4566",
            "AWS_ENDPOINT_URL_REDSHIFT_DATA|ftp://localhost",
            "AWS_SECRET_ACCESS_KEY|only-the-secret",
    })
    void invalidSettingIsRefusedNamingTheVariable(String variable, String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> IngestConfig.fromEnvironment(with(variable, value)));

        String expected = variable.equals("AWS_SECRET_ACCESS_KEY") ? "AWS_ACCESS_KEY_ID" : variable;
        assertEquals(expected, e.variable());
        assertTrue(e.getMessage().startsWith(expected + ": "), e.getMessage());
    }

    @Test
    void workgroupAndClusterTogetherAreRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> IngestConfig.fromEnvironment(with("REDSHIFT_CLUSTER_ID", "paydr-cluster")));
        assertTrue(e.getMessage().contains("both are set"), e.getMessage());
    }

    @Test
    void secretAndDbUserTogetherAreRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> IngestConfig.fromEnvironment(with("REDSHIFT_DB_USER", "loader")));
        assertEquals("REDSHIFT_SECRET_ARN", e.variable());
    }

    @Test
    void dbUserNeedsAClusterNotAWorkgroup() {
        Map<String, String> env = with("REDSHIFT_SECRET_ARN", null);
        env.put("REDSHIFT_DB_USER", "loader");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> IngestConfig.fromEnvironment(env));
        assertEquals("REDSHIFT_DB_USER", e.variable());
    }

    @Test
    void blankValuesCountAsUnset() {
        Map<String, String> env = minimal();
        env.put("REPLICA_BUCKETS", "");
        env.put("COPY_THRESHOLD_BYTES", "  ");
        env.put("REDSHIFT_CLUSTER_ID", "");

        IngestConfig config = IngestConfig.fromEnvironment(env);

        assertEquals(262_144, config.copyThresholdBytes());
        assertEquals(Duration.ofMillis(100), config.pollInitial());
        assertEquals(Duration.ofSeconds(1), config.pollMax());
        assertTrue(config.replicaBuckets().isEmpty());
    }

    @Test
    void drainModeNamesTheMissingVariable() {
        IngestConfig withoutQueue = IngestConfig.fromEnvironment(minimal());
        assertEquals("QUEUE_URL", assertThrows(ConfigurationException.class, withoutQueue::drain).variable());

    }

    @Test
    void credentialsFromTheMapNeverAppearInToString() {
        Map<String, String> env = minimal();
        env.put("AWS_ACCESS_KEY_ID", "devstack");
        env.put("AWS_SECRET_ACCESS_KEY", "s3cr3t-value");

        IngestConfig config = IngestConfig.fromEnvironment(env);

        assertEquals("s3cr3t-value", config.aws().credentials().orElseThrow().secretAccessKey());
        assertFalse(config.toString().contains("s3cr3t-value"));
        assertFalse(config.aws().toString().contains("s3cr3t-value"));
        assertFalse(config.toString().contains("secretsmanager"), "the secret ARN is not logged either");
    }

    /** The function's variables are exactly those docs/interfaces.md lists for the ingest function. */
    @Test
    void environmentVariablesMatchTheInterfacesPage() throws IOException {
        String page = Files.readString(Path.of("../../docs/interfaces.md"));
        String section = page.substring(page.indexOf("## Ingest function environment"),
                page.indexOf("Handlers:"));
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(section);
        while (m.find()) {
            documented.add(m.group(1));
        }

        assertEquals(documented, new LinkedHashSet<>(IngestConfig.ENVIRONMENT_VARIABLES));
        assertTrue(IngestConfig.ENVIRONMENT_VARIABLES.containsAll(IngestConfig.REQUIRED_VARIABLES));
    }
}
