package io.paydr.ingest.config;

import static io.paydr.ingest.config.IngestConfig.DATASET_TABLES;
import static io.paydr.ingest.config.IngestConfig.LEDGER_TABLE;
import static io.paydr.ingest.config.IngestConfig.REDSHIFT_CLUSTER_ID;
import static io.paydr.ingest.config.IngestConfig.REDSHIFT_COPY_ROLE_ARN;
import static io.paydr.ingest.config.IngestConfig.REDSHIFT_DATABASE;
import static io.paydr.ingest.config.IngestConfig.REDSHIFT_DB_USER;
import static io.paydr.ingest.config.IngestConfig.REDSHIFT_SECRET_ARN;
import static io.paydr.ingest.config.IngestConfig.REDSHIFT_WORKGROUP;

import io.paydr.aws.AwsConfigException;
import io.paydr.aws.AwsEnvironment;
import io.paydr.aws.RedshiftTarget;
import io.paydr.aws.TableName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The warehouse side of the configuration: SDK settings, the Data API target, the COPY role, the dataset registry
 * and the ledger table. The schema migration command needs only this part, so it is readable on its own.
 */
public record WarehouseConfig(AwsEnvironment aws, RedshiftTarget redshift, String copyRole,
                              Map<String, TableName> datasetTables, TableName ledgerTable) {
    public static final String DEFAULT_COPY_ROLE = "default";
    public static final String DEFAULT_DATASET_TABLES = "payments=public.payments";
    public static final String DEFAULT_LEDGER_TABLE = "public.payments_ingest_ledger";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/+=@-]{0,2047}");
    private static final Pattern DATASET = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public WarehouseConfig {
        datasetTables = Map.copyOf(datasetTables);
    }

    /** Reads and validates the warehouse variables; throws {@link ConfigurationException} naming the variable. */
    public static WarehouseConfig fromEnvironment(Map<String, String> environment) {
        return read(new Environment(environment));
    }

    static WarehouseConfig read(Environment env) {
        AwsEnvironment aws;
        try {
            aws = AwsEnvironment.fromEnvironment(env.variables());
        } catch (AwsConfigException e) {
            throw new ConfigurationException(e.variable(), e.problem());
        }
        RedshiftTarget redshift = redshiftTarget(env);
        String copyRole = env.parsed(REDSHIFT_COPY_ROLE_ARN, DEFAULT_COPY_ROLE, WarehouseConfig::copyRole);
        Map<String, TableName> tables = env.parsed(DATASET_TABLES, DEFAULT_DATASET_TABLES, WarehouseConfig::datasetTables);
        TableName ledger = env.parsed(LEDGER_TABLE, DEFAULT_LEDGER_TABLE, TableName::parse);
        if (tables.containsValue(ledger) || tables.values().stream().anyMatch(t -> t.conflicts().equals(ledger))) {
            throw new ConfigurationException(LEDGER_TABLE, "must differ from every table in " + DATASET_TABLES
                    + " and from their _conflicts tables");
        }
        return new WarehouseConfig(aws, redshift, copyRole, tables, ledger);
    }

    /** The table a dataset loads into, if the dataset is registered. */
    public Optional<TableName> tableFor(String dataset) {
        return Optional.ofNullable(datasetTables.get(dataset));
    }

    private static RedshiftTarget redshiftTarget(Environment env) {
        Optional<String> workgroup = env.optional(REDSHIFT_WORKGROUP).map(v -> name(REDSHIFT_WORKGROUP, v));
        Optional<String> cluster = env.optional(REDSHIFT_CLUSTER_ID).map(v -> name(REDSHIFT_CLUSTER_ID, v));
        if (workgroup.isPresent() == cluster.isPresent()) {
            throw new ConfigurationException(REDSHIFT_WORKGROUP, "set exactly one of " + REDSHIFT_WORKGROUP
                    + " and " + REDSHIFT_CLUSTER_ID + (workgroup.isPresent() ? " (both are set)" : " (neither is set)"));
        }
        String database = name(REDSHIFT_DATABASE, env.required(REDSHIFT_DATABASE));
        Optional<String> secret = env.optional(REDSHIFT_SECRET_ARN).map(v -> name(REDSHIFT_SECRET_ARN, v));
        Optional<String> dbUser = env.optional(REDSHIFT_DB_USER).map(v -> name(REDSHIFT_DB_USER, v));
        if (secret.isPresent() == dbUser.isPresent()) {
            throw new ConfigurationException(REDSHIFT_SECRET_ARN, "set exactly one of " + REDSHIFT_SECRET_ARN
                    + " and " + REDSHIFT_DB_USER + (secret.isPresent() ? " (both are set)" : " (neither is set)"));
        }
        if (dbUser.isPresent() && workgroup.isPresent()) {
            throw new ConfigurationException(REDSHIFT_DB_USER, "works with " + REDSHIFT_CLUSTER_ID
                    + " only; a Serverless workgroup needs " + REDSHIFT_SECRET_ARN);
        }
        return new RedshiftTarget(workgroup, cluster, database, secret, dbUser);
    }

    private static String name(String variable, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new ConfigurationException(variable, "contains characters not allowed in a name: '" + value + "'");
        }
        return value;
    }

    private static String copyRole(String value) {
        if (!value.equals(DEFAULT_COPY_ROLE) && !ROLE_ARN.matcher(value).matches()) {
            throw new IllegalArgumentException("must be 'default' or an IAM role ARN, was '" + value + "'");
        }
        return value;
    }

    private static Map<String, TableName> datasetTables(String value) {
        Map<String, TableName> tables = new LinkedHashMap<>();
        Environment.pairs(value).forEach((dataset, table) -> {
            if (!DATASET.matcher(dataset).matches()) {
                throw new IllegalArgumentException("dataset name must match " + DATASET.pattern() + ": '" + dataset + "'");
            }
            TableName name = TableName.parse(table);
            name.conflicts(); // the conflicts table's name must be valid too (at most 127 characters)
            tables.put(dataset, name);
        });
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("must map at least one dataset to a table");
        }
        return tables;
    }

    /** JSON fields for the start-up log line: the target and tables, no credentials (only where they come from). */
    public Map<String, Object> describe() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("region", aws.region());
        redshift.workgroupName().ifPresent(w -> fields.put("workgroup", w));
        redshift.clusterIdentifier().ifPresent(c -> fields.put("cluster", c));
        fields.put("database", redshift.database());
        fields.put("databaseAuth", redshift.secretArn().isPresent() ? "secret" : redshift.dbUser().isPresent()
                ? "db_user" : "iam");
        fields.put("copyRole", copyRole);
        Map<String, String> tables = new java.util.TreeMap<>();
        datasetTables.forEach((dataset, table) -> tables.put(dataset, table.qualified()));
        fields.put("datasetTables", tables);
        fields.put("ledgerTable", ledgerTable.qualified());
        Map<String, String> endpoints = new LinkedHashMap<>();
        aws.s3Endpoint().ifPresent(u -> endpoints.put("s3", u.toString()));
        aws.sqsEndpoint().ifPresent(u -> endpoints.put("sqs", u.toString()));
        aws.redshiftDataEndpoint().ifPresent(u -> endpoints.put("redshiftData", u.toString()));
        if (!endpoints.isEmpty()) {
            fields.put("endpoints", endpoints);
            fields.put("s3PathStyle", aws.s3PathStyle());
        }
        // the keys themselves never: only whether the map held static ones (devstack) or the SDK chain is used
        fields.put("credentials", aws.credentials().isPresent() ? "environment" : "default_chain");
        return fields;
    }

    @Override
    public String toString() {
        return "WarehouseConfig[region=" + aws.region() + ", " + redshift.describe() + ", datasets=" + datasetTables
                + ", ledger=" + ledgerTable + "]";
    }
}
