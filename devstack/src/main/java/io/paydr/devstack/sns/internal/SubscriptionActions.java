package io.paydr.devstack.sns.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Subscribe, Unsubscribe, ListSubscriptionsByTopic, ListSubscriptions, GetSubscriptionAttributes,
 * SetSubscriptionAttributes. Only the {@code sqs} protocol; the queue may be in either Region.
 */
final class SubscriptionActions {

    private final Registry registry;

    SubscriptionActions(Registry registry) {
        this.registry = registry;
    }

    void register(Map<String, Action> actions) {
        actions.put("Subscribe", this::subscribe);
        actions.put("Unsubscribe", this::unsubscribe);
        actions.put("ListSubscriptionsByTopic", this::listByTopic);
        actions.put("ListSubscriptions", this::listAll);
        actions.put("GetSubscriptionAttributes", this::getAttributes);
        actions.put("SetSubscriptionAttributes", this::setAttribute);
    }

    private void subscribe(Call call, Xml result) {
        Subscription subscription = registry.subscribe(call.region(), call.required("TopicArn"),
                call.required("Protocol"), call.required("Endpoint"), call.params().map("Attributes"));
        result.leaf("SubscriptionArn", subscription.arn());
    }

    private void unsubscribe(Call call, Xml result) {
        registry.unsubscribe(call.region(), call.required("SubscriptionArn"));
    }

    private void listByTopic(Call call, Xml result) {
        Topic topic = registry.topic(call.region(), call.required("TopicArn"));
        writePage(registry.subscriptions(topic.arn()), call, result);
    }

    private void listAll(Call call, Xml result) {
        writePage(registry.subscriptions(call.region()), call, result);
    }

    private void getAttributes(Call call, Xml result) {
        Subscription subscription = registry.subscription(call.region(), call.required("SubscriptionArn"));
        TopicActions.writeAttributes(new TreeMap<>(subscription.reportedAttributes()), result);
    }

    private void setAttribute(Call call, Xml result) {
        registry.setSubscriptionAttribute(call.region(), call.required("SubscriptionArn"),
                call.required("AttributeName"), call.params().optional("AttributeValue").orElse(""));
    }

    private static void writePage(List<Subscription> subscriptions, Call call, Xml result) {
        Paging.Page<Subscription> page = Paging.page(subscriptions, call.params().optional("NextToken"));
        result.open("Subscriptions");
        for (Subscription s : page.items()) {
            result.open("member")
                    .leaf("TopicArn", s.topicArn())
                    .leaf("Protocol", "sqs")
                    .leaf("SubscriptionArn", s.arn())
                    .leaf("Owner", Arns.ACCOUNT_ID)
                    .leaf("Endpoint", s.queue().arn())
                    .close("member");
        }
        result.close("Subscriptions").leaf("NextToken", page.nextToken());
    }
}
