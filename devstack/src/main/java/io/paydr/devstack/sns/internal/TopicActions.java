package io.paydr.devstack.sns.internal;

import java.util.Map;
import java.util.TreeMap;

/** CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes. */
final class TopicActions {

    private final Registry registry;

    TopicActions(Registry registry) {
        this.registry = registry;
    }

    void register(Map<String, Action> actions) {
        actions.put("CreateTopic", this::createTopic);
        actions.put("DeleteTopic", this::deleteTopic);
        actions.put("ListTopics", this::listTopics);
        actions.put("GetTopicAttributes", this::getTopicAttributes);
        actions.put("SetTopicAttributes", this::setTopicAttributes);
    }

    private void createTopic(Call call, Xml result) {
        Topic topic = registry.createTopic(call.region(), call.required("Name"), call.params().map("Attributes"));
        result.leaf("TopicArn", topic.arn());
    }

    private void deleteTopic(Call call, Xml result) {
        registry.deleteTopic(call.region(), call.required("TopicArn"));
    }

    private void listTopics(Call call, Xml result) {
        Paging.Page<Topic> page = Paging.page(registry.topics(call.region()), call.params().optional("NextToken"));
        result.open("Topics");
        page.items().forEach(t -> result.open("member").leaf("TopicArn", t.arn()).close("member"));
        result.close("Topics").leaf("NextToken", page.nextToken());
    }

    private void getTopicAttributes(Call call, Xml result) {
        Topic topic = registry.topic(call.region(), call.required("TopicArn"));
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("TopicArn", topic.arn());
        attributes.put("Owner", Arns.ACCOUNT_ID);
        attributes.put("DisplayName", "");
        attributes.put("SubscriptionsConfirmed", Integer.toString(registry.subscriptions(topic.arn()).size()));
        attributes.put("SubscriptionsPending", "0");
        attributes.put("SubscriptionsDeleted", "0");
        attributes.putAll(topic.attributes());
        writeAttributes(attributes, result);
    }

    private void setTopicAttributes(Call call, Xml result) {
        registry.setTopicAttribute(call.region(), call.required("TopicArn"), call.required("AttributeName"),
                call.params().optional("AttributeValue").orElse(""));
    }

    /** The {@code <Attributes><entry><key/><value/></entry>…</Attributes>} map shape of the Query protocol. */
    static void writeAttributes(Map<String, String> attributes, Xml result) {
        result.open("Attributes");
        attributes.forEach((k, v) -> result.open("entry").leaf("key", k).leaf("value", v).close("entry"));
        result.close("Attributes");
    }
}
