package io.paydr.devstack.sns.internal;

import io.paydr.devstack.DevRegion;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Topics and subscriptions of both Regions. Every lookup checks that the ARN is in the Region the request was
 * signed for, as AWS does. Creation is synchronized so that the idempotent Create/Subscribe stay idempotent
 * under concurrent callers; reads are lock-free.
 */
public final class Registry {

    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    /** Idempotent: the same name and attributes give the existing topic; other attributes are refused. */
    public synchronized Topic createTopic(DevRegion region, String name, Map<String, String> attributes) {
        if (!TOPIC_NAME.matcher(name).matches()) {
            throw SnsError.invalidParameter("Invalid parameter: Topic Name");
        }
        AttributeRules.topicAttributes(attributes);
        String arn = Arns.topic(region, name);
        Topic existing = topics.get(arn);
        if (existing != null) {
            if (!attributes.isEmpty() && !existing.attributes().equals(withoutFifoFalse(attributes))) {
                throw SnsError.invalidParameter(
                        "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
            }
            return existing;
        }
        Topic topic = new Topic(arn, region, name, withoutFifoFalse(attributes));
        topics.put(arn, topic);
        return topic;
    }

    /** Idempotent as on AWS: deleting a topic that does not exist is no error. Its subscriptions go with it. */
    public void deleteTopic(DevRegion region, String arn) {
        checkRegion(region, Arns.topicRegion(arn, "TopicArn"), "TopicArn");
        topics.remove(arn);
        subscriptions.values().removeIf(s -> s.topicArn().equals(arn));
    }

    public Topic topic(DevRegion region, String arn) {
        checkRegion(region, Arns.topicRegion(arn, "TopicArn"), "TopicArn");
        Topic topic = topics.get(arn);
        if (topic == null) {
            throw SnsError.notFound("Topic does not exist");
        }
        return topic;
    }

    public List<Topic> topics(DevRegion region) {
        return topics.values().stream().filter(t -> t.region() == region)
                .sorted(Comparator.comparing(Topic::arn)).toList();
    }

    public void setTopicAttribute(DevRegion region, String arn, String name, String value) {
        synchronized (this) {
            Topic topic = topic(region, arn);
            topics.put(arn, topic.withAttribute(name, AttributeRules.topicAttribute(name, value)));
        }
    }

    /** Idempotent: the same topic and endpoint give the existing subscription unless its attributes differ. */
    public synchronized Subscription subscribe(DevRegion region, String topicArn, String protocol, String endpoint,
                                               Map<String, String> attributes) {
        Topic topic = topic(region, topicArn);
        if (!protocol.equals("sqs")) {
            throw SnsError.invalidParameter("Invalid parameter: Protocol Reason: devstack SNS delivers only to sqs, not "
                    + protocol);
        }
        Arns.QueueArn queue = Arns.queue(endpoint);
        Map<String, String> checked = new HashMap<>();
        attributes.forEach((name, value) -> checked.put(name, AttributeRules.subscriptionAttribute(name, value)));
        for (Subscription existing : subscriptions.values()) {
            if (existing.topicArn().equals(topic.arn()) && existing.queue().equals(queue)) {
                if (!checked.isEmpty() && !existing.attributes().equals(checked)) {
                    throw SnsError.invalidParameter(
                            "Invalid parameter: Attributes Reason: Subscription already exists with different attributes");
                }
                return existing;
            }
        }
        Subscription subscription = new Subscription(topic.arn() + ":" + UUID.randomUUID(), topic.arn(), queue, checked);
        subscriptions.put(subscription.arn(), subscription);
        return subscription;
    }

    public void unsubscribe(DevRegion region, String arn) {
        subscription(region, arn);
        subscriptions.remove(arn);
    }

    public Subscription subscription(DevRegion region, String arn) {
        checkRegion(region, Arns.subscriptionRegion(arn, "SubscriptionArn"), "SubscriptionArn");
        Subscription subscription = subscriptions.get(arn);
        if (subscription == null) {
            throw SnsError.notFound("Subscription does not exist");
        }
        return subscription;
    }

    public void setSubscriptionAttribute(DevRegion region, String arn, String name, String value) {
        synchronized (this) {
            Subscription subscription = subscription(region, arn);
            subscriptions.put(arn, subscription.withAttribute(name, AttributeRules.subscriptionAttribute(name, value)));
        }
    }

    /** The subscriptions of a topic, ordered by ARN (stable for paging). */
    public List<Subscription> subscriptions(String topicArn) {
        return subscriptions.values().stream().filter(s -> s.topicArn().equals(topicArn))
                .sorted(Comparator.comparing(Subscription::arn)).toList();
    }

    /** Every subscription of the topics of one Region, for ListSubscriptions. */
    public List<Subscription> subscriptions(DevRegion region) {
        return subscriptions.values().stream()
                .filter(s -> Arns.topicRegion(s.topicArn(), "TopicArn") == region)
                .sorted(Comparator.comparing(Subscription::arn)).toList();
    }

    private static Map<String, String> withoutFifoFalse(Map<String, String> attributes) {
        Map<String, String> stored = new HashMap<>(attributes);
        stored.remove("FifoTopic");
        return stored;
    }

    private static void checkRegion(DevRegion requestRegion, DevRegion arnRegion, String parameter) {
        if (requestRegion != arnRegion) {
            throw SnsError.invalidParameter("Invalid parameter: " + parameter + " Reason: the ARN is in " + arnRegion.id()
                    + " but the request was signed for " + requestRegion.id());
        }
    }
}
