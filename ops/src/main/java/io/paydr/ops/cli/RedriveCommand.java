package io.paydr.ops.cli;

import io.paydr.aws.AwsClients;
import io.paydr.cli.Console;
import io.paydr.ops.RedriveResult;
import io.paydr.ops.RedriveResult.Failure;
import io.paydr.ops.RedriveResult.MovedMessage;
import io.paydr.ops.Redriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code redrive}: moves DLQ messages back to their queue, or lists them with {@code --dry-run}. */
@Command(name = "redrive", mixinStandardHelpOptions = true, versionProvider = OpsCli.Version.class,
        synopsisHeading = "usage: ",
        description = "Moves messages with body and attributes; deletes from the DLQ only after the send succeeded.")
final class RedriveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Option(names = "--dlq-url", required = true, paramLabel = "URL") String dlqUrl;
    @Option(names = "--queue-url", required = true, paramLabel = "URL") String queueUrl;
    @Option(names = "--region", paramLabel = "REGION", description = "default: the DLQ URL's") String region;
    @Option(names = "--max", paramLabel = "N", description = "default: all") Integer max;
    @Option(names = "--visibility-timeout", paramLabel = "SECONDS", defaultValue = "60") int visibilityTimeout;
    @Option(names = "--dry-run", description = "list, move nothing") boolean dryRun;
    @Option(names = "--json", description = "the result as one JSON document") boolean json;

    private final Map<String, String> env;
    private final PrintStream out;
    private final Console console;

    RedriveCommand(Map<String, String> env, Console console) {
        this.env = env;
        this.out = console.out();
        this.console = console;
    }

    @Override
    public Integer call() {
        String dlqRegion = region != null ? region : QueueUrls.regionOf(dlqUrl);
        StderrProgress progress = new StderrProgress(console, dryRun ? "redrive (dry run) listed" : "redrive moved", "messages");
        RedriveResult result;
        try (AwsClients clients = ReplayCommand.clients(env, dlqRegion)) {
            result = Redriver.builder()
                    .sqs(clients.sqs()).dlqUrl(dlqUrl).queueUrl(queueUrl)
                    .maxMessages(max == null ? Integer.MAX_VALUE : OpsCli.positive(spec, "--max", max))
                    .visibilityTimeout(Duration.ofSeconds(OpsCli.positive(spec, "--visibility-timeout",
                            visibilityTimeout)))
                    .dryRun(dryRun)
                    .progress(progress)
                    .build()
                    .redrive();
        } finally {
            progress.finish();
        }
        out.print(json ? json(result) + "\n" : text(result));
        return result.complete() ? ExitCode.OK : ExitCode.DIVERGED;
    }

    static String text(RedriveResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.dryRun() ? "redrive DRY RUN (nothing moved) " : "redrive ").append(r.dlqUrl()).append(" -> ")
                .append(r.queueUrl()).append('\n');
        for (MovedMessage m : r.messages()) {
            b.append("  ").append(m.dlqMessageId()).append(m.newMessageId() == null ? "" : " -> " + m.newMessageId())
                    .append("  receives ").append(m.receiveCount()).append(", body ").append(m.bodyBytes())
                    .append(" bytes").append(m.pointerKey() == null ? " (not a pointer)" : ", pointer " + m.pointerKey())
                    .append("\n    attributes ").append(m.attributes()).append('\n');
        }
        for (Failure f : r.failures()) {
            b.append("  FAILED ").append(f.dlqMessageId()).append(": ").append(f.reason()).append('\n');
        }
        b.append(r.dryRun() ? "would move " : "moved ").append(r.messages().size()).append(" messages, ")
                .append(r.failures().size()).append(" failed\n");
        return b.toString();
    }

    static String json(RedriveResult r) {
        return Json.write(Json.object("dryRun", r.dryRun(), "dlqUrl", r.dlqUrl(), "queueUrl", r.queueUrl(),
                "moved", r.dryRun() ? 0 : r.messages().size(),
                "messages", r.messages().stream().map(m -> Json.object("dlqMessageId", m.dlqMessageId(),
                        "newMessageId", m.newMessageId(), "receiveCount", m.receiveCount(),
                        "bodyBytes", m.bodyBytes(), "pointer", m.pointerKey(), "attributes", m.attributes())).toList(),
                "failures", r.failures().stream().map(f -> Json.object("dlqMessageId", f.dlqMessageId(),
                        "reason", f.reason())).toList()));
    }
}
