package io.paydr.devstack.sns.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The SNS JSON envelope that a subscription without raw delivery receives as its SQS message body, laid out
 * exactly as AWS writes it: two-space indent, {@code "Key" : value}, fields in AWS's order, Subject only when
 * given, MessageAttributes only when there are any, each attribute on one compact line.
 */
final class Envelope {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private final EnvelopeSigner signer = new EnvelopeSigner();

    /** The signature covers only notification fields, so one signature serves every subscription of a publish. */
    String sign(Notification n) {
        return signer.sign(n, n.topic().signatureVersion());
    }

    String render(Notification n, String signature, String subscriptionArn) {
        String region = n.topic().region().id();
        Publication p = n.publication();
        StringBuilder json = new StringBuilder(p.message().length() + 1024);
        json.append("{\n");
        field(json, "Type", "Notification");
        field(json, "MessageId", n.messageId());
        field(json, "TopicArn", n.topic().arn());
        if (p.subject() != null) {
            field(json, "Subject", p.subject());
        }
        field(json, "Message", p.message());
        field(json, "Timestamp", n.timestampText());
        field(json, "SignatureVersion", n.topic().signatureVersion());
        field(json, "Signature", signature);
        field(json, "SigningCertURL", "https://sns." + region + ".amazonaws.com/" + signer.certificateName());
        json.append("  \"UnsubscribeURL\" : ");
        quote(json, "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
                + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8).replace("%3A", ":"));
        if (!p.attributes().isEmpty()) {
            json.append(",\n  \"MessageAttributes\" : {\n");
            for (int i = 0; i < p.attributes().size(); i++) {
                MessageAttribute a = p.attributes().get(i);
                json.append("    ");
                quote(json, a.name());
                json.append(" : {\"Type\":");
                quote(json, a.dataType());
                json.append(",\"Value\":");
                quote(json, a.envelopeValue());
                json.append(i + 1 < p.attributes().size() ? "},\n" : "}\n");
            }
            json.append("  }");
        }
        json.append("\n}");
        return json.toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append("  \"").append(name).append("\" : ");
        quote(json, value);
        json.append(",\n");
    }

    private static void quote(StringBuilder json, String value) {
        json.append('"').append(ENCODER.quoteAsString(value)).append('"');
    }
}
