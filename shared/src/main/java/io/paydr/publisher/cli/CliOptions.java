package io.paydr.publisher.cli;

import java.util.Locale;
import java.util.Optional;

/** The parsed command line of {@link PublishCommand}. */
record CliOptions(String bucket, String topicArn, int batchSize, boolean gzip, Optional<String> kmsKeyId,
                  Optional<String> keyPrefix, InputFormat format, Optional<String> file, boolean help) {

    static final int DEFAULT_BATCH_SIZE = 1_000;

    enum InputFormat { NDJSON, CSV }

    static final String USAGE = String.join("\n",
            "usage: publish --bucket BUCKET --topic-arn ARN [options] [FILE|-]",
            "Publishes payments from FILE (or stdin) in batches, printing one JSON receipt line per batch.",
            "  --bucket BUCKET        payload bucket (required)",
            "  --topic-arn ARN        SNS topic ARN (required)",
            "  --batch-size N         records per batch (default " + DEFAULT_BATCH_SIZE + ")",
            "  --gzip | --no-gzip     gzip payloads (default --gzip)",
            "  --kms-key-id KEY       SSE-KMS key (default SSE-S3)",
            "  --key-prefix PREFIX    key prefix (default payments/v1)",
            "  --format ndjson|csv    input format (default: csv for *.csv files, else ndjson)",
            "Input: v1 JSON Lines, or CSV with a header row naming the seven columns",
            "  (transaction_id,merchant_id,amount_minor,currency,status,occurred_at,source_region).",
            "AWS: the standard credential and Region chain; AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SNS and",
            "  PAYDR_S3_PATH_STYLE=true point it at devstack or another endpoint.",
            "Exit codes: 0 all published, 1 bad input or publish failure, 2 usage error.");

    static CliOptions parse(String[] args) {
        String bucket = null;
        String topicArn = null;
        int batchSize = DEFAULT_BATCH_SIZE;
        boolean gzip = true;
        String kms = null;
        String prefix = null;
        String format = null;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new CliOptions(null, null, 0, true, Optional.empty(), Optional.empty(),
                            InputFormat.NDJSON, Optional.empty(), true);
                }
                case "--bucket" -> bucket = value(args, ++i, a);
                case "--topic-arn" -> topicArn = value(args, ++i, a);
                case "--batch-size" -> batchSize = positiveInt(value(args, ++i, a), a);
                case "--gzip" -> gzip = true;
                case "--no-gzip" -> gzip = false;
                case "--kms-key-id" -> kms = value(args, ++i, a);
                case "--key-prefix" -> prefix = value(args, ++i, a);
                case "--format" -> format = value(args, ++i, a);
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (file != null) {
                        throw new UsageException("only one input file, got " + file + " and " + a);
                    }
                    file = a;
                }
            }
        }
        if (bucket == null) {
            throw new UsageException("--bucket is required");
        }
        if (topicArn == null) {
            throw new UsageException("--topic-arn is required");
        }
        Optional<String> input = Optional.ofNullable(file).filter(f -> !f.equals("-"));
        return new CliOptions(bucket, topicArn, batchSize, gzip, Optional.ofNullable(kms), Optional.ofNullable(prefix),
                format(format, input), input, false);
    }

    private static InputFormat format(String format, Optional<String> file) {
        if (format == null) {
            return file.filter(f -> f.toLowerCase(Locale.ROOT).endsWith(".csv")).isPresent()
                    ? InputFormat.CSV : InputFormat.NDJSON;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "ndjson", "jsonl" -> InputFormat.NDJSON;
            case "csv" -> InputFormat.CSV;
            default -> throw new UsageException("--format must be ndjson or csv");
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int positiveInt(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a positive integer");
    }
}
