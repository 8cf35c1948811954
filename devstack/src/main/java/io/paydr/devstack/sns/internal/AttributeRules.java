package io.paydr.devstack.sns.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which topic and subscription attributes devstack accepts, and their values. Attributes whose behaviour
 * devstack does not emulate (filter policies, redrive to a DLQ, FIFO topics) are refused with an error that
 * says so, rather than stored and silently ignored.
 */
final class AttributeRules {

    private static final Set<String> TOPIC_STORED =
            Set.of("DisplayName", "Policy", "DeliveryPolicy", "KmsMasterKeyId", "TracingConfig", "SignatureVersion");
    private static final Set<String> SUBSCRIPTION_STORED = Set.of("DeliveryPolicy", "SubscriptionRoleArn");
    private static final Set<String> SUBSCRIPTION_UNEMULATED =
            Set.of("FilterPolicy", "FilterPolicyScope", "RedrivePolicy", "ReplayPolicy");

    private AttributeRules() {
    }

    /** Validates one topic attribute and returns the value to store. */
    static String topicAttribute(String name, String value) {
        if (name.equals("FifoTopic")) {
            if (Boolean.parseBoolean(value)) {
                throw SnsError.invalidParameter(
                        "Invalid parameter: Attributes Reason: FifoTopic: devstack SNS emulates standard topics only");
            }
            return value;
        }
        if (!TOPIC_STORED.contains(name)) {
            throw SnsError.invalidParameter("Invalid parameter: AttributeName Reason: unknown topic attribute " + name);
        }
        if (name.equals("SignatureVersion") && !(value.equals("1") || value.equals("2"))) {
            throw SnsError.invalidParameter("Invalid parameter: SignatureVersion Reason: must be 1 or 2, was " + value);
        }
        return value;
    }

    static void topicAttributes(Map<String, String> attributes) {
        attributes.forEach(AttributeRules::topicAttribute);
    }

    /** Validates one subscription attribute and returns the value to store (RawMessageDelivery normalised). */
    static String subscriptionAttribute(String name, String value) {
        if (name.equals(Subscription.RAW_MESSAGE_DELIVERY)) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw SnsError.invalidParameter("Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value ["
                        + value + "]. Must be true or false.");
            }
            return lower;
        }
        if (SUBSCRIPTION_UNEMULATED.contains(name)) {
            throw SnsError.invalidParameter("Invalid parameter: Attributes Reason: " + name
                    + " is not emulated by devstack SNS (it would be ignored, so it is refused)");
        }
        if (!SUBSCRIPTION_STORED.contains(name)) {
            throw SnsError.invalidParameter("Invalid parameter: AttributeName Reason: unknown subscription attribute " + name);
        }
        return value;
    }
}
