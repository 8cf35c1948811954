package io.paydr.ingest.config;

import io.paydr.aws.AwsEnvironment;
import io.paydr.aws.RedshiftTarget;
import io.paydr.aws.TableName;
import io.paydr.ingest.internal.LogLevel;
import io.paydr.ingest.payload.VerificationLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ingest function's configuration: read once at start-up from an environment map, validated completely,
 * immutable afterwards. Every error names the variable at fault. The names are fixed in docs/interfaces.md.
 */
public final class IngestConfig {
    public static final String REGION_ROLE = "REGION_ROLE";
    public static final String REDSHIFT_WORKGROUP = "REDSHIFT_WORKGROUP";
    public static final String REDSHIFT_CLUSTER_ID = "REDSHIFT_CLUSTER_ID";
    public static final String REDSHIFT_DATABASE = "REDSHIFT_DATABASE";
    public static final String REDSHIFT_SECRET_ARN = "REDSHIFT_SECRET_ARN";
    public static final String REDSHIFT_DB_USER = "REDSHIFT_DB_USER";
    public static final String REDSHIFT_COPY_ROLE_ARN = "REDSHIFT_COPY_ROLE_ARN";
    public static final String DATASET_TABLES = "DATASET_TABLES";
    public static final String LEDGER_TABLE = "LEDGER_TABLE";
    public static final String ALLOWED_BUCKETS = "ALLOWED_BUCKETS";
    public static final String REPLICA_BUCKETS = "REPLICA_BUCKETS";
    public static final String COPY_THRESHOLD_BYTES = "COPY_THRESHOLD_BYTES";
    public static final String MAX_PAYLOAD_BYTES = "MAX_PAYLOAD_BYTES";
    public static final String MAX_DECODED_PAYLOAD_BYTES = "MAX_DECODED_PAYLOAD_BYTES";
    public static final String MAX_COMPRESSION_RATIO = "MAX_COMPRESSION_RATIO";
    public static final String FUNCTION_TIMEOUT_SECONDS = "FUNCTION_TIMEOUT_SECONDS";
    public static final String QUEUE_URL = "QUEUE_URL";
    public static final String STAGING_BUCKET = "STAGING_BUCKET";
    public static final String DRAIN_MAX_MESSAGES = "DRAIN_MAX_MESSAGES";
    public static final String POLL_INITIAL_MILLIS = "POLL_INITIAL_MILLIS";
    public static final String POLL_MAX_MILLIS = "POLL_MAX_MILLIS";

    // read by aws-support's AwsEnvironment: the names are its
    public static final String AWS_REGION = AwsEnvironment.AWS_REGION;
    public static final String AWS_ENDPOINT_URL_S3 = AwsEnvironment.AWS_ENDPOINT_URL_S3;
    public static final String AWS_ENDPOINT_URL_SQS = AwsEnvironment.AWS_ENDPOINT_URL_SQS;
    public static final String AWS_ENDPOINT_URL_REDSHIFT_DATA = AwsEnvironment.AWS_ENDPOINT_URL_REDSHIFT_DATA;
    public static final String PAYDR_S3_PATH_STYLE = AwsEnvironment.PAYDR_S3_PATH_STYLE;
    public static final String AWS_ACCESS_KEY_ID = AwsEnvironment.AWS_ACCESS_KEY_ID;
    public static final String AWS_SECRET_ACCESS_KEY = AwsEnvironment.AWS_SECRET_ACCESS_KEY;
    public static final String AWS_SESSION_TOKEN = AwsEnvironment.AWS_SESSION_TOKEN;
    /** Set by Lambda from the function's MemorySize; the payload limits are checked against it. */
    public static final String AWS_LAMBDA_FUNCTION_MEMORY_SIZE = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    /** Set by Lambda from LoggingConfig's ApplicationLogLevel: the level below which it drops application logs. */
    public static final String AWS_LAMBDA_LOG_LEVEL = LogLevel.LAMBDA_LOG_LEVEL;

    /** The function's own variables: the ones a deployment (the SAM template) sets. */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of(REGION_ROLE, REDSHIFT_WORKGROUP,
            REDSHIFT_CLUSTER_ID, REDSHIFT_DATABASE, REDSHIFT_SECRET_ARN, REDSHIFT_DB_USER, REDSHIFT_COPY_ROLE_ARN,
            DATASET_TABLES, LEDGER_TABLE, ALLOWED_BUCKETS, STAGING_BUCKET, REPLICA_BUCKETS, COPY_THRESHOLD_BYTES,
            MAX_PAYLOAD_BYTES, MAX_DECODED_PAYLOAD_BYTES, MAX_COMPRESSION_RATIO, FUNCTION_TIMEOUT_SECONDS,
            POLL_INITIAL_MILLIS, POLL_MAX_MILLIS, QUEUE_URL, DRAIN_MAX_MESSAGES);

    /** The variables a deployment must set for the function to start (the drain handler also needs QUEUE_URL). */
    public static final List<String> REQUIRED_VARIABLES = List.of(REGION_ROLE, REDSHIFT_DATABASE, ALLOWED_BUCKETS,
            STAGING_BUCKET);

    /**
     * Also read, but provided by the Lambda runtime (Region, credentials) or by devstack (endpoint overrides), never
     * by the template: Lambda reserves AWS_REGION and the credential variables.
     */
    public static final List<String> RUNTIME_VARIABLES = List.of(AWS_REGION, AWS_ENDPOINT_URL_S3,
            AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_REDSHIFT_DATA, PAYDR_S3_PATH_STYLE, AWS_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_LAMBDA_LOG_LEVEL);

    public static final long DEFAULT_COPY_THRESHOLD_BYTES = 262_144;
    /** 64 MiB, stored and decoded (about 400,000 records): see {@link VerificationBudget} for why. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_DECODED_PAYLOAD_BYTES = 64L << 20;
    /** Payment NDJSON compresses about 6 to 1 (measured: docs/benchmarks.md); a bomb, a thousand to one. */
    public static final long DEFAULT_MAX_COMPRESSION_RATIO = 50;
    public static final int DEFAULT_DRAIN_MAX_MESSAGES = 1000;
    /**
     * Plain polling, for a real warehouse (statements of tens of milliseconds to seconds): the runner long-polls and
     * polls plainly only when a wait is refused or the deadline is too close for one. Devstack needs no other
     * values: a long poll answers as soon as the statement ends, whatever the warehouse's pace.
     */
    public static final long DEFAULT_POLL_INITIAL_MILLIS = 100;
    public static final long DEFAULT_POLL_MAX_MILLIS = 1000;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final RegionRole regionRole;
    private final WarehouseConfig warehouse;
    private final Set<String> allowedBuckets;
    private final Map<String, String> replicaBuckets;
    private final long copyThresholdBytes;
    private final long maxPayloadBytes;
    private final long maxDecodedPayloadBytes;
    private final long maxCompressionRatio;
    private final Optional<String> queueUrl;
    private final String stagingBucket;
    private final int drainMaxMessages;
    private final Duration pollInitial;
    private final Duration pollMax;
    private final Optional<LogLevel> applicationLogLevel;

    private IngestConfig(Environment env) {
        regionRole = env.parsed(REGION_ROLE, env.required(REGION_ROLE), v -> RegionRole.parse(REGION_ROLE, v));
        warehouse = WarehouseConfig.read(env);
        allowedBuckets = env.parsed(ALLOWED_BUCKETS, env.required(ALLOWED_BUCKETS), IngestConfig::buckets);
        replicaBuckets = env.parsed(REPLICA_BUCKETS, "", IngestConfig::replicaBuckets);
        copyThresholdBytes = env.positiveLong(COPY_THRESHOLD_BYTES, DEFAULT_COPY_THRESHOLD_BYTES);
        maxPayloadBytes = env.positiveLong(MAX_PAYLOAD_BYTES, DEFAULT_MAX_PAYLOAD_BYTES);
        maxDecodedPayloadBytes = env.positiveLong(MAX_DECODED_PAYLOAD_BYTES, DEFAULT_MAX_DECODED_PAYLOAD_BYTES);
        maxCompressionRatio = env.positiveLong(MAX_COMPRESSION_RATIO, DEFAULT_MAX_COMPRESSION_RATIO);
        VerificationBudget.check(maxPayloadBytes, maxDecodedPayloadBytes,
                env.optional(FUNCTION_TIMEOUT_SECONDS).map(v -> env.positiveLong(FUNCTION_TIMEOUT_SECONDS, 1)),
                env.optional(AWS_LAMBDA_FUNCTION_MEMORY_SIZE).map(v -> env.positiveLong(AWS_LAMBDA_FUNCTION_MEMORY_SIZE, 1)));
        queueUrl = env.optional(QUEUE_URL);
        stagingBucket = env.parsed(STAGING_BUCKET, env.required(STAGING_BUCKET), IngestConfig::bucket);
        drainMaxMessages = Math.toIntExact(Math.min(env.positiveLong(DRAIN_MAX_MESSAGES, DEFAULT_DRAIN_MAX_MESSAGES),
                Integer.MAX_VALUE));
        pollInitial = Duration.ofMillis(env.positiveLong(POLL_INITIAL_MILLIS, DEFAULT_POLL_INITIAL_MILLIS));
        pollMax = Duration.ofMillis(env.positiveLong(POLL_MAX_MILLIS, DEFAULT_POLL_MAX_MILLIS));
        applicationLogLevel = LogLevel.lambdaFilter(env.variables());
        if (pollMax.compareTo(pollInitial) < 0) {
            throw new ConfigurationException(POLL_MAX_MILLIS, "must be at least " + POLL_INITIAL_MILLIS + " ("
                    + pollInitial.toMillis() + "), was " + pollMax.toMillis());
        }
    }

    /** Reads and validates the whole configuration; throws {@link ConfigurationException} naming the variable. */
    public static IngestConfig fromEnvironment(Map<String, String> environment) {
        return new IngestConfig(new Environment(environment));
    }

    private static Set<String> buckets(String value) {
        List<String> buckets = Environment.list(value);
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("must list at least one bucket");
        }
        return Set.copyOf(buckets.stream().map(IngestConfig::bucket).toList());
    }

    private static Map<String, String> replicaBuckets(String value) {
        Map<String, String> replicas = Environment.pairs(value);
        replicas.forEach((source, replica) -> Stream.of(source, replica).forEach(IngestConfig::bucket));
        return Map.copyOf(replicas);
    }

    private static String bucket(String name) {
        if (!BUCKET.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid S3 bucket name");
        }
        return name;
    }

    public RegionRole regionRole() { return regionRole; }

    public WarehouseConfig warehouse() { return warehouse; }

    public AwsEnvironment aws() { return warehouse.aws(); }

    public String region() { return warehouse.aws().region(); }

    public RedshiftTarget redshift() { return warehouse.redshift(); }

    /** The COPY credentials clause argument: {@code default} or an IAM role ARN. */
    public String copyRole() { return warehouse.copyRole(); }

    public Map<String, TableName> datasetTables() { return warehouse.datasetTables(); }

    /** The table a dataset loads into, if the dataset is registered. */
    public Optional<TableName> tableFor(String dataset) { return warehouse.tableFor(dataset); }

    public TableName ledgerTable() { return warehouse.ledgerTable(); }

    public Set<String> allowedBuckets() { return allowedBuckets; }

    public boolean isBucketAllowed(String bucket) { return allowedBuckets.contains(bucket); }

    /** This Region's replica of a source bucket, read before the source bucket itself. */
    public Optional<String> replicaOf(String sourceBucket) { return Optional.ofNullable(replicaBuckets.get(sourceBucket)); }

    public Map<String, String> replicaBuckets() { return replicaBuckets; }

    public long copyThresholdBytes() { return copyThresholdBytes; }

    /** Payloads with more stored bytes than this are refused (PAYLOAD_TOO_LARGE) before they are read. */
    public long maxPayloadBytes() { return maxPayloadBytes; }

    /** Payloads decoding to more bytes than this are refused (DECODED_PAYLOAD_TOO_LARGE) while they are read. */
    public long maxDecodedPayloadBytes() { return maxDecodedPayloadBytes; }

    /** What verifying one payload may cost, whatever its content. */
    public VerificationLimits verificationLimits() {
        return new VerificationLimits(maxDecodedPayloadBytes, maxCompressionRatio);
    }

    /** The first wait between DescribeStatement polls; later waits grow by 20% up to {@link #pollMax()}. */
    public Duration pollInitial() { return pollInitial; }

    public Duration pollMax() { return pollMax; }

    /**
     * This Region's bucket where the function stages verified records for COPY ({@code staging/}) and writes COPY
     * manifests ({@code manifests/}): in the warehouse's Region, so a COPY never reads another Region.
     */
    public String stagingBucket() { return stagingBucket; }

    /** Drain-mode settings; throws naming the missing variable when drain mode is not configured. */
    public DrainSettings drain() {
        String queue = queueUrl.orElseThrow(() -> new ConfigurationException(QUEUE_URL, "is required in drain mode"));
        return new DrainSettings(queue, drainMaxMessages);
    }

    /** The level below which Lambda drops the function's log lines (ApplicationLogLevel), if it filters them. */
    public Optional<LogLevel> applicationLogLevel() { return applicationLogLevel; }

    /**
     * The configuration as JSON fields for the start-up log line: every setting that shapes what the function does,
     * none of the credentials the environment map may hold (only whether there are static ones).
     */
    public Map<String, Object> describe() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("regionRole", regionRole.value());
        fields.putAll(warehouse.describe());
        fields.put("allowedBuckets", allowedBuckets.stream().sorted().toList());
        fields.put("replicaBuckets", new java.util.TreeMap<>(replicaBuckets));
        fields.put("stagingBucket", stagingBucket);
        fields.put("copyThresholdBytes", copyThresholdBytes);
        fields.put("maxPayloadBytes", maxPayloadBytes);
        fields.put("maxDecodedPayloadBytes", maxDecodedPayloadBytes);
        fields.put("maxCompressionRatio", maxCompressionRatio);
        fields.put("pollInitialMillis", pollInitial.toMillis());
        fields.put("pollMaxMillis", pollMax.toMillis());
        queueUrl.ifPresent(url -> {
            fields.put("queueUrl", url);
            fields.put("drainMaxMessages", drainMaxMessages);
        });
        applicationLogLevel.ifPresent(level -> fields.put("applicationLogLevel", level.name()));
        return fields;
    }

    @Override
    public String toString() {
        return "IngestConfig[role=" + regionRole.value() + ", " + warehouse + ", allowedBuckets=" + allowedBuckets
                + ", replicaBuckets=" + replicaBuckets + ", stagingBucket=" + stagingBucket + ", copyThresholdBytes=" + copyThresholdBytes
                + ", maxPayloadBytes=" + maxPayloadBytes + ", maxDecodedPayloadBytes=" + maxDecodedPayloadBytes
                + ", maxCompressionRatio=" + maxCompressionRatio + ", poll=" + pollInitial.toMillis() + ".."
                + pollMax.toMillis() + "ms]";
    }
}
