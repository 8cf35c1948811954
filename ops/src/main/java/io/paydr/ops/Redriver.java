package io.paydr.ops;

import io.paydr.ops.RedriveResult.Failure;
import io.paydr.ops.RedriveResult.MovedMessage;
import io.paydr.ops.internal.DlqMessages;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Moves messages from a dead-letter queue back to their queue after a fix: receive up to ten, send them to the queue
 * with the same body and message attributes, and delete from the DLQ only the ones whose send succeeded. A message
 * whose send failed stays in the DLQ. A dry run receives the messages to list them and then makes them visible again
 * at once.
 */
public final class Redriver {

    private static final int SQS_BATCH = 10;

    private final SqsClient sqs;
    private final String dlqUrl;
    private final String queueUrl;
    private final int maxMessages;
    private final boolean dryRun;
    private final Duration visibilityTimeout;
    private final Duration waitTime;
    private final ProgressListener progress;

    private Redriver(Builder b) {
        this.sqs = b.sqs;
        this.dlqUrl = b.dlqUrl;
        this.queueUrl = b.queueUrl;
        this.maxMessages = b.maxMessages;
        this.dryRun = b.dryRun;
        this.visibilityTimeout = b.visibilityTimeout;
        this.waitTime = b.waitTime;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    public RedriveResult redrive() {
        List<MovedMessage> moved = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        // every message received so far, with its newest receipt handle: a dry run keeps them invisible until the
        // end so nothing is listed twice, and a message whose move failed is not tried again in this run
        Map<String, String> seen = new LinkedHashMap<>();
        try {
            while (moved.size() + failures.size() < maxMessages) {
                List<Message> batch = unseen(receive(maxMessages - moved.size() - failures.size()), seen);
                if (batch.isEmpty()) {
                    break; // the DLQ is empty, or only messages seen before came back: gone round it all
                }
                if (dryRun) {
                    batch.forEach(m -> moved.add(DlqMessages.describe(m, null)));
                } else if (!move(batch, moved, failures)) {
                    release(handles(batch));
                    break; // the queue refused a whole batch (missing, no permission): the rest would fail too
                }
                progress.progress(moved.size(), -1);
            }
        } finally {
            if (dryRun) {
                release(List.copyOf(seen.values()));
            }
        }
        return new RedriveResult(dlqUrl, queueUrl, dryRun, moved, failures);
    }

    private static List<Message> unseen(List<Message> received, Map<String, String> seen) {
        List<Message> fresh = new ArrayList<>();
        for (Message m : received) {
            if (seen.put(m.messageId(), m.receiptHandle()) == null) {
                fresh.add(m);
            }
        }
        return fresh;
    }

    private static List<String> handles(List<Message> batch) {
        return batch.stream().map(Message::receiptHandle).toList();
    }

    private List<Message> receive(int remaining) {
        return sqs.receiveMessage(b -> b.queueUrl(dlqUrl)
                .maxNumberOfMessages(Math.min(SQS_BATCH, remaining))
                .waitTimeSeconds((int) waitTime.toSeconds())
                .visibilityTimeout((int) visibilityTimeout.toSeconds())
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /** Sends the batch to the queue and deletes what was sent; false when the queue refused the whole request. */
    private boolean move(List<Message> batch, List<MovedMessage> moved, List<Failure> failures) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(DlqMessages.resend(Integer.toString(i), batch.get(i)));
        }
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            batch.forEach(m -> failures.add(new Failure(m.messageId(), "send failed: " + e.getMessage())));
            return false;
        }
        for (BatchResultErrorEntry failed : response.failed()) {
            failures.add(new Failure(batch.get(Integer.parseInt(failed.id())).messageId(),
                    "send failed: " + failed.code() + " " + failed.message()));
        }
        Map<String, String> newIds = new HashMap<>();
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (SendMessageBatchResultEntry ok : response.successful()) {
            Message m = batch.get(Integer.parseInt(ok.id()));
            newIds.put(ok.id(), ok.messageId());
            deletes.add(DeleteMessageBatchRequestEntry.builder().id(ok.id()).receiptHandle(m.receiptHandle()).build());
        }
        if (deletes.isEmpty()) {
            return true;
        }
        // the copy is already on the queue: a failed delete leaves a duplicate in the DLQ, which the idempotent
        // loader tolerates, so it is reported, not retried blindly
        var deleted = sqs.deleteMessageBatch(b -> b.queueUrl(dlqUrl).entries(deletes));
        deleted.successful().forEach(d -> moved.add(DlqMessages.describe(batch.get(Integer.parseInt(d.id())),
                newIds.get(d.id()))));
        deleted.failed().forEach(f -> failures.add(new Failure(batch.get(Integer.parseInt(f.id())).messageId(),
                "sent as " + newIds.get(f.id()) + " but not deleted from the DLQ: " + f.code() + " " + f.message())));
        return true;
    }

    /** Makes messages visible in the DLQ again at once. */
    private void release(List<String> receiptHandles) {
        for (int from = 0; from < receiptHandles.size(); from += SQS_BATCH) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(receiptHandles.size(), from + SQS_BATCH); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i - from))
                        .receiptHandle(receiptHandles.get(i)).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries));
        }
    }

    /** Fluent, single-use builder; the built Redriver is immutable. */
    public static final class Builder {
        private SqsClient sqs;
        private String dlqUrl;
        private String queueUrl;
        private int maxMessages = Integer.MAX_VALUE;
        private boolean dryRun;
        private Duration visibilityTimeout = Duration.ofSeconds(60);
        private Duration waitTime = Duration.ofSeconds(2);
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** A client in the Region of both queues. */
        public Builder sqs(SqsClient sqs) {
            this.sqs = sqs;
            return this;
        }

        public Builder dlqUrl(String url) {
            this.dlqUrl = url;
            return this;
        }

        public Builder queueUrl(String url) {
            this.queueUrl = url;
            return this;
        }

        /** Stop after this many messages (default: until the DLQ returns none). */
        public Builder maxMessages(int n) {
            if (n < 1) {
                throw new OpsConfigException("max messages must be at least 1");
            }
            this.maxMessages = n;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** How long a received message stays hidden while being moved or listed (default 60 s). */
        public Builder visibilityTimeout(Duration d) {
            if (d.toSeconds() < 1 || d.toSeconds() > 43_200) {
                throw new OpsConfigException("visibility timeout must be 1 s to 12 h");
            }
            this.visibilityTimeout = d;
            return this;
        }

        /** Long-poll wait of each receive; an empty receive ends the run (default 2 s, 0-20 s). */
        public Builder waitTime(Duration d) {
            if (d.toSeconds() < 0 || d.toSeconds() > 20) {
                throw new OpsConfigException("wait time must be 0-20 s");
            }
            this.waitTime = d;
            return this;
        }

        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "progress");
            return this;
        }

        public Redriver build() {
            if (sqs == null || dlqUrl == null || dlqUrl.isBlank() || queueUrl == null || queueUrl.isBlank()) {
                throw new OpsConfigException("redrive needs an SQS client, a DLQ URL and a queue URL");
            }
            if (dlqUrl.equals(queueUrl)) {
                throw new OpsConfigException("the DLQ and the queue are the same: " + dlqUrl);
            }
            return new Redriver(this);
        }
    }
}
