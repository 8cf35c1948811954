package io.paydr.ops.cli;

import io.paydr.aws.AwsClients;
import io.paydr.aws.AwsEnvironment;
import io.paydr.ops.ReplayResult;
import io.paydr.ops.ReplayResult.Failure;
import io.paydr.ops.ReplayResult.ReplayedObject;
import io.paydr.ops.Replayer;
import io.paydr.ops.TimeRange;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code replay}: re-enqueues the pointers of the payloads published in a time range. */
final class ReplayCommand {

    static final String USAGE = """
            replay --bucket BUCKET --from TIME --to TIME --queue-url URL [--region REGION] [--bucket-region REGION]
                   [--prefix payments/v1] [--parallelism 8] [--dry-run] [--json]
              Sends one pointer message per payload object of every publish hour overlapping [from, to).
            """;

    private static final Set<String> VALUED = Set.of("bucket", "from", "to", "queue-url", "region", "bucket-region",
            "prefix", "parallelism");
    private static final Set<String> FLAGS = Set.of("dry-run", "json");

    private ReplayCommand() {
    }

    static int run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err) {
        Args a = Args.parse(argv, VALUED, FLAGS);
        TimeRange range = TimeRange.parse(a.required("from"), a.required("to"));
        boolean dryRun = a.flag("dry-run");
        String queueUrl = dryRun ? a.optional("queue-url") : a.required("queue-url");
        String region = a.optional("region", QueueUrls.regionOf(queueUrl));
        StderrProgress progress = new StderrProgress(err, dryRun ? "replay (dry run) objects" : "replay objects");
        ReplayResult result;
        try (AwsClients bucketClients = clients(env, a.optional("bucket-region", region));
             AwsClients queueClients = clients(env, region)) {
            S3Client s3 = bucketClients.s3();
            SqsClient sqs = queueClients.sqs();
            result = Replayer.builder()
                    .s3(s3).sqs(sqs)
                    .bucket(a.required("bucket"))
                    .prefix(a.optional("prefix"))
                    .range(range)
                    .queueUrl(queueUrl)
                    .dryRun(dryRun)
                    .parallelism(a.positiveInt("parallelism", 8))
                    .progress(progress)
                    .build()
                    .replay();
        } finally {
            progress.finish();
        }
        out.print(a.flag("json") ? json(result) + "\n" : text(result));
        return result.complete() ? ExitCode.OK : ExitCode.DIVERGED;
    }

    /** The clients of a Region, or of AWS_REGION / the SDK's default Region when none is given. */
    static AwsClients clients(Map<String, String> env, String region) {
        return AwsClients.create(AwsEnvironment.forRegion(env, region != null ? region
                : AwsEnvironment.defaultRegion(env)));
    }

    static String text(ReplayResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.dryRun() ? "replay DRY RUN (nothing sent) " : "replay ").append("s3://").append(r.bucket())
                .append(" publish hours ").append(r.range()).append(r.dryRun() ? "" : " -> " + r.queueUrl())
                .append('\n');
        for (ReplayedObject o : r.replayed()) {
            b.append("  ").append(o.key()).append("  ").append(o.recordCount()).append(" records, ").append(o.size())
                    .append(" bytes, sha256 ").append(o.sha256Hex()).append(" (").append(o.sha256Source()).append(')')
                    .append(o.messageId() == null ? "" : "  message " + o.messageId()).append('\n');
        }
        for (Failure f : r.failures()) {
            b.append("  FAILED ").append(f.key()).append(": ").append(f.reason()).append('\n');
        }
        b.append(r.dryRun() ? "would send " : "sent ").append(r.replayed().size()).append(" pointer messages, ")
                .append(r.failures().size()).append(" failed, ").append(r.skippedKeys())
                .append(" other keys skipped\n");
        return b.toString();
    }

    static String json(ReplayResult r) {
        return Json.write(Json.object("dryRun", r.dryRun(), "bucket", r.bucket(), "queueUrl", r.queueUrl(),
                "from", r.range().from(), "to", r.range().to(),
                "sent", r.dryRun() ? 0 : r.replayed().size(), "skippedKeys", r.skippedKeys(),
                "objects", r.replayed().stream().map(o -> Json.object("key", o.key(), "batchId", o.batchId(),
                        "size", o.size(), "recordCount", o.recordCount(), "sha256", o.sha256Hex(),
                        "sha256Source", o.sha256Source(), "contentEncoding", o.contentEncoding(),
                        "messageId", o.messageId())).toList(),
                "failures", r.failures().stream().map(f -> Json.object("key", f.key(), "reason", f.reason()))
                        .toList()));
    }
}
