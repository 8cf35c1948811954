package io.paydr.ops.cli;

import io.paydr.aws.AwsClients;
import io.paydr.aws.AwsEnvironment;
import io.paydr.cli.Console;
import io.paydr.ops.ReplayResult;
import io.paydr.ops.ReplayResult.Failure;
import io.paydr.ops.ReplayResult.ReplayedObject;
import io.paydr.ops.Replayer;
import io.paydr.ops.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code replay}: re-enqueues the pointers of the payloads published in a time range. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = OpsCli.Version.class,
        synopsisHeading = "usage: ",
        description = "Sends one pointer message per payload object of every publish hour overlapping [from, to).")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Option(names = "--bucket", required = true, paramLabel = "BUCKET") String bucket;
    @Option(names = "--from", required = true, paramLabel = "TIME") String from;
    @Option(names = "--to", required = true, paramLabel = "TIME") String to;
    @Option(names = "--queue-url", paramLabel = "URL", description = "required unless --dry-run") String queueUrl;
    @Option(names = "--region", paramLabel = "REGION", description = "default: the queue URL's") String region;
    @Option(names = "--bucket-region", paramLabel = "REGION", description = "default: --region") String bucketRegion;
    @Option(names = "--prefix", paramLabel = "PREFIX", description = "default payments/v1") String prefix;
    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8") int parallelism;
    @Option(names = "--dry-run", description = "list, send nothing") boolean dryRun;
    @Option(names = "--json", description = "the result as one JSON document") boolean json;

    private final Map<String, String> env;
    private final PrintStream out;
    private final Console console;

    ReplayCommand(Map<String, String> env, Console console) {
        this.env = env;
        this.out = console.out();
        this.console = console;
    }

    @Override
    public Integer call() {
        TimeRange range = TimeRange.parse(from, to);
        if (!dryRun && queueUrl == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--queue-url=URL'"
                    + " (or give --dry-run to list without sending)");
        }
        String queueRegion = region != null ? region : QueueUrls.regionOf(queueUrl);
        StderrProgress progress = new StderrProgress(console, dryRun ? "replay (dry run)" : "replay", "objects");
        ReplayResult result;
        try (AwsClients bucketClients = clients(env, bucketRegion != null ? bucketRegion : queueRegion);
             AwsClients queueClients = clients(env, queueRegion)) {
            result = Replayer.builder()
                    .s3(bucketClients.s3()).sqs(queueClients.sqs())
                    .bucket(bucket)
                    .prefix(prefix)
                    .range(range)
                    .queueUrl(queueUrl)
                    .dryRun(dryRun)
                    .parallelism(OpsCli.positive(spec, "--parallelism", parallelism))
                    .progress(progress)
                    .build()
                    .replay();
        } finally {
            progress.finish();
        }
        out.print(json ? json(result) + "\n" : text(result));
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
