package io.paydr.devstack.sns.internal;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.sqs.SqsServer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ARNs of topics, subscriptions and subscribed queues on devstack (one account, the ElasticMQ default). */
public final class Arns {

    /** ElasticMQ's default account id, so topic, subscription and queue ARNs agree. */
    public static final String ACCOUNT_ID = SqsServer.ACCOUNT_ID;

    private static final Pattern TOPIC = Pattern.compile("arn:aws:sns:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,256})");
    private static final Pattern SUBSCRIPTION =
            Pattern.compile("arn:aws:sns:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,256}):([0-9a-f-]{36})");
    private static final Pattern QUEUE = Pattern.compile("arn:aws:sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,80}(\\.fifo)?)");

    /** A queue named by its ARN: the Region whose ElasticMQ holds it and the queue name. */
    public record QueueArn(String arn, DevRegion region, String name) {
    }

    private Arns() {
    }

    public static String topic(DevRegion region, String name) {
        return "arn:aws:sns:" + region.id() + ":" + ACCOUNT_ID + ":" + name;
    }

    /** The Region of a topic ARN; InvalidParameter when it is no topic ARN or names a Region devstack lacks. */
    public static DevRegion topicRegion(String arn, String parameter) {
        return region(TOPIC.matcher(arn), parameter);
    }

    /** The Region of a subscription ARN ({@code <topic arn>:<uuid>}). */
    public static DevRegion subscriptionRegion(String arn, String parameter) {
        return region(SUBSCRIPTION.matcher(arn), parameter);
    }

    public static QueueArn queue(String arn) {
        Matcher m = QUEUE.matcher(arn);
        if (!m.matches()) {
            throw SnsError.invalidParameter("Invalid parameter: SQS endpoint ARN");
        }
        return new QueueArn(arn, regionOf(m.group(1), "Endpoint"), m.group(3));
    }

    private static DevRegion region(Matcher m, String parameter) {
        if (!m.matches()) {
            throw SnsError.invalidParameter("Invalid parameter: " + parameter);
        }
        return regionOf(m.group(1), parameter);
    }

    private static DevRegion regionOf(String regionId, String parameter) {
        try {
            return DevRegion.of(regionId);
        } catch (IllegalArgumentException e) {
            throw SnsError.invalidParameter("Invalid parameter: " + parameter + " Reason: " + e.getMessage());
        }
    }
}
