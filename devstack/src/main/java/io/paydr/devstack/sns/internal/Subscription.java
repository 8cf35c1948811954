package io.paydr.devstack.sns.internal;

import java.util.HashMap;
import java.util.Map;

/** An {@code sqs} subscription, confirmed on creation as AWS does for SQS endpoints. Immutable. */
public record Subscription(String arn, String topicArn, Arns.QueueArn queue, Map<String, String> attributes) {

    public static final String RAW_MESSAGE_DELIVERY = "RawMessageDelivery";

    public Subscription {
        attributes = Map.copyOf(attributes);
    }

    public boolean rawMessageDelivery() {
        return Boolean.parseBoolean(attributes.getOrDefault(RAW_MESSAGE_DELIVERY, "false"));
    }

    public Subscription withAttribute(String name, String value) {
        Map<String, String> changed = new HashMap<>(attributes);
        changed.put(name, value);
        return new Subscription(arn, topicArn, queue, changed);
    }

    /** The attributes GetSubscriptionAttributes reports: the fixed ones AWS always lists plus the settable ones. */
    public Map<String, String> reportedAttributes() {
        Map<String, String> all = new HashMap<>();
        all.put("SubscriptionArn", arn);
        all.put("TopicArn", topicArn);
        all.put("Owner", Arns.ACCOUNT_ID);
        all.put("Protocol", "sqs");
        all.put("Endpoint", queue.arn());
        all.put("ConfirmationWasAuthenticated", "true");
        all.put("PendingConfirmation", "false");
        all.put(RAW_MESSAGE_DELIVERY, "false");
        all.putAll(attributes);
        return all;
    }
}
