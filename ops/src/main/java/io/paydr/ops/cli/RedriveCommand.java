package io.paydr.ops.cli;

import io.paydr.aws.AwsClients;
import io.paydr.ops.RedriveResult;
import io.paydr.ops.RedriveResult.Failure;
import io.paydr.ops.RedriveResult.MovedMessage;
import io.paydr.ops.Redriver;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code redrive}: moves DLQ messages back to their queue, or lists them with {@code --dry-run}. */
final class RedriveCommand {

    static final String USAGE = """
            redrive --dlq-url URL --queue-url URL [--region REGION] [--max N] [--visibility-timeout 60]
                    [--dry-run] [--json]
              Moves messages with body and attributes; deletes from the DLQ only after the send succeeded.
            """;

    private static final Set<String> VALUED = Set.of("dlq-url", "queue-url", "region", "max", "visibility-timeout");
    private static final Set<String> FLAGS = Set.of("dry-run", "json");

    private RedriveCommand() {
    }

    static int run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err) {
        Args a = Args.parse(argv, VALUED, FLAGS);
        String dlqUrl = a.required("dlq-url");
        String queueUrl = a.required("queue-url");
        String region = a.optional("region", QueueUrls.regionOf(dlqUrl));
        StderrProgress progress = new StderrProgress(err, a.flag("dry-run") ? "redrive (dry run) listed" : "redrive moved");
        RedriveResult result;
        try (AwsClients clients = ReplayCommand.clients(env, region)) {
            SqsClient sqs = clients.sqs();
            result = Redriver.builder()
                    .sqs(sqs).dlqUrl(dlqUrl).queueUrl(queueUrl)
                    .maxMessages(a.positiveInt("max", Integer.MAX_VALUE))
                    .visibilityTimeout(Duration.ofSeconds(a.positiveInt("visibility-timeout", 60)))
                    .dryRun(a.flag("dry-run"))
                    .progress(progress)
                    .build()
                    .redrive();
        } finally {
            progress.finish();
        }
        out.print(a.flag("json") ? json(result) + "\n" : text(result));
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
