package io.paydr.devstack.sns.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Publish and PublishBatch: validate, accept, fan out to the topic's subscriptions. */
final class PublishActions {

    static final int MAX_BATCH_ENTRIES = 10;
    private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final Registry registry;
    private final Fanout fanout;

    PublishActions(Registry registry, Fanout fanout) {
        this.registry = registry;
        this.fanout = fanout;
    }

    void register(Map<String, Action> actions) {
        actions.put("Publish", this::publish);
        actions.put("PublishBatch", this::publishBatch);
    }

    private void publish(Call call, Xml result) {
        String topicArn = call.params().optional("TopicArn").or(() -> call.params().optional("TargetArn"))
                .orElseThrow(() -> SnsError.invalidParameter(
                        "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"));
        Topic topic = registry.topic(call.region(), topicArn);
        Notification notification = Notification.accept(topic, Publication.parse(call.params()));
        fanout.deliver(notification, registry.subscriptions(topic.arn()));
        result.leaf("MessageId", notification.messageId());
    }

    /** The batch as a whole must be well-formed; each entry then succeeds or fails on its own. */
    private void publishBatch(Call call, Xml result) {
        Topic topic = registry.topic(call.region(), call.required("TopicArn"));
        List<QueryParams> entries = call.params().members("PublishBatchRequestEntries.member");
        checkBatch(entries);
        List<Subscription> subscriptions = registry.subscriptions(topic.arn());
        Xml successful = new Xml();
        Xml failed = new Xml();
        for (QueryParams entry : entries) {
            String id = entry.required("Id");
            try {
                Notification notification = Notification.accept(topic, Publication.parse(entry));
                fanout.deliver(notification, subscriptions);
                successful.open("member").leaf("Id", id).leaf("MessageId", notification.messageId()).close("member");
            } catch (SnsError e) {
                failed.open("member").leaf("Id", id).leaf("Code", e.code()).leaf("Message", e.getMessage())
                        .leaf("SenderFault", e.senderFault()).close("member");
            }
        }
        result.open("Successful").append(successful).close("Successful");
        result.open("Failed").append(failed).close("Failed");
    }

    private static void checkBatch(List<QueryParams> entries) {
        if (entries.isEmpty()) {
            throw SnsError.sender(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > MAX_BATCH_ENTRIES) {
            throw SnsError.sender(400, "TooManyEntriesInBatchRequest",
                    "The batch request contains more entries than permissible (at most " + MAX_BATCH_ENTRIES + ").");
        }
        Set<String> ids = new HashSet<>();
        long totalBytes = 0;
        for (QueryParams entry : entries) {
            String id = entry.optional("Id").orElse("");
            if (!ENTRY_ID.matcher(id).matches()) {
                throw SnsError.sender(400, "InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't "
                        + "abide by the specification (1-80 characters of A-Z a-z 0-9 _ -): '" + id + "'.");
            }
            if (!ids.add(id)) {
                throw SnsError.sender(400, "BatchEntryIdsNotDistinct",
                        "Two or more batch entries in the request have the same Id: '" + id + "'.");
            }
            totalBytes += declaredBytes(entry);
        }
        if (totalBytes > Publication.MAX_BYTES) {
            throw SnsError.sender(400, "BatchRequestTooLong",
                    "The length of all the messages put together is more than the limit (262144 bytes).");
        }
    }

    /** Message plus attribute bytes as sent, before validation (binary values counted by their decoded size). */
    private static long declaredBytes(QueryParams entry) {
        long bytes = utf8(entry.optional("Message").orElse(""));
        for (QueryParams a : entry.members("MessageAttributes.entry")) {
            bytes += utf8(a.optional("Name").orElse("")) + utf8(a.optional("Value.DataType").orElse(""))
                    + utf8(a.optional("Value.StringValue").orElse(""))
                    + a.optional("Value.BinaryValue").orElse("").length() * 3L / 4;
        }
        return bytes;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
