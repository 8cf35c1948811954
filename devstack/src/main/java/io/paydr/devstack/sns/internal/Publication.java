package io.paydr.devstack.sns.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one Publish call (or one PublishBatch entry) asks to send, validated with AWS's rules and error codes:
 * a non-empty message, an optional subject, message attributes, and at most 256 KiB of message plus attributes.
 */
public record Publication(String message, String subject, List<MessageAttribute> attributes) {

    /** SNS's limit on message plus attributes; larger payloads go through the extended client and S3. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern SUBJECT = Pattern.compile("[\\x20-\\x7E]{1,100}");

    public Publication {
        attributes = List.copyOf(attributes);
    }

    /** Reads {@code Message}, {@code Subject}, {@code MessageStructure} and {@code MessageAttributes.entry.N}. */
    public static Publication parse(QueryParams params) {
        String message = params.optional("Message").orElse("");
        if (message.isEmpty()) {
            throw SnsError.invalidParameter("Invalid parameter: Empty message");
        }
        refuseFifoParameters(params);
        String subject = params.optional("Subject").map(Publication::checkSubject).orElse(null);
        List<MessageAttribute> attributes = attributes(params.members("MessageAttributes.entry"));
        long size = message.getBytes(StandardCharsets.UTF_8).length
                + attributes.stream().mapToLong(MessageAttribute::sizeBytes).sum();
        if (size > MAX_BYTES) {
            throw SnsError.invalidParameter("Invalid parameter: Message too long");
        }
        String delivered = params.optional("MessageStructure").map(s -> sqsMessage(s, message)).orElse(message);
        return new Publication(delivered, subject, attributes);
    }

    private static void refuseFifoParameters(QueryParams params) {
        for (String name : List.of("MessageGroupId", "MessageDeduplicationId")) {
            if (params.optional(name).isPresent()) {
                throw SnsError.invalidParameter("Invalid parameter: " + name
                        + " Reason: devstack SNS emulates standard topics only");
            }
        }
    }

    private static String checkSubject(String subject) {
        if (!SUBJECT.matcher(subject).matches()) {
            throw SnsError.invalidParameter("Invalid parameter: Subject");
        }
        return subject;
    }

    /** MessageStructure=json: the message is a JSON object with a "default" text and optional per-protocol ones. */
    private static String sqsMessage(String structure, String message) {
        if (!structure.equals("json")) {
            throw SnsError.invalidParameter("Invalid parameter: MessageStructure");
        }
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (Exception e) {
            throw SnsError.invalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
        }
        if (node == null || !node.isObject() || !node.path("default").isTextual()) {
            throw SnsError.invalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body");
        }
        return node.path("sqs").isTextual() ? node.path("sqs").asText() : node.path("default").asText();
    }

    private static List<MessageAttribute> attributes(List<QueryParams> entries) {
        List<MessageAttribute> attributes = new ArrayList<>(entries.size());
        Set<String> names = new HashSet<>();
        for (QueryParams entry : entries) {
            MessageAttribute attribute = attribute(entry);
            if (!names.add(attribute.name())) {
                throw SnsError.invalidParameterValue(
                        "Message attribute name '" + attribute.name() + "' has been specified more than once.");
            }
            attributes.add(attribute);
        }
        return attributes;
    }

    private static MessageAttribute attribute(QueryParams entry) {
        String name = checkName(entry.optional("Name").orElse(""));
        String type = entry.optional("Value.DataType").orElse("");
        String prefix = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        if (type.isEmpty()) {
            throw SnsError.invalidParameterValue("The message attribute '" + name + "' must contain a message attribute type.");
        }
        if (!Set.of("String", "Number", "Binary").contains(prefix)) {
            throw SnsError.invalidParameterValue("The message attribute '" + name + "' has an invalid message attribute type, "
                    + "the set of supported type prefixes is Binary, Number, and String.");
        }
        if (prefix.equals("Binary")) {
            return new MessageAttribute(name, type, null, binary(name, type, entry.optional("Value.BinaryValue").orElse("")));
        }
        String value = entry.optional("Value.StringValue").orElse("");
        if (value.isEmpty()) {
            throw emptyValue(name, prefix);
        }
        if (prefix.equals("Number")) {
            checkNumber(name, value);
        }
        return new MessageAttribute(name, type, value, null);
    }

    private static String checkName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw SnsError.invalidParameterValue("The message attribute name '" + name + "' is invalid: names are 1-256 "
                    + "characters of A-Z a-z 0-9 _ - ., without leading, trailing or doubled periods, and must not start "
                    + "with AWS. or Amazon.");
        }
        return name;
    }

    private static byte[] binary(String name, String type, String base64) {
        if (base64.isEmpty()) {
            throw emptyValue(name, "Binary");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw SnsError.invalidParameterValue("The message attribute '" + name + "' of type '" + type
                    + "' has a BinaryValue that is not valid base64.");
        }
    }

    private static void checkNumber(String name, String value) {
        try {
            new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw SnsError.invalidParameterValue("Could not cast message attribute '" + name + "' value to number.");
        }
    }

    private static SnsError emptyValue(String name, String type) {
        return SnsError.invalidParameterValue("The message attribute '" + name
                + "' must contain non-empty message attribute value for message attribute type '" + type + "'.");
    }
}
