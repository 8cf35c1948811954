package io.paydr.contract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The payload-offloading pointer body, {@code ["software.amazon.payloadoffloading.PayloadS3Pointer",
 * {"s3BucketName":"…","s3Key":"…"}]}. Parsing is strict and token by token, deliberately NOT through
 * payload-offloading's JsonDataConverter: that converter enables Jackson default typing, which must never be the
 * first thing to read an untrusted body. Accepted: a two-element array whose first element is the current or the
 * legacy SQS extended client class name, whose second is an object with exactly the two non-empty string fields.
 */
public final class PointerCodec {

    public static final String POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";
    public static final String LEGACY_POINTER_CLASS = "com.amazon.sqs.javamessaging.MessageS3Pointer";

    private PointerCodec() {
    }

    /** @throws MessageRejectedException MALFORMED_POINTER or UNKNOWN_POINTER_CLASS */
    public static PayloadPointer parse(String body) {
        if (body == null || body.isBlank()) {
            throw malformed("empty body");
        }
        try (JsonParser p = WireJson.FACTORY.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_ARRAY, "a pointer is a JSON array");
            expect(p.nextToken(), JsonToken.VALUE_STRING, "the first element must be the pointer class name");
            String className = p.getText();
            if (!POINTER_CLASS.equals(className) && !LEGACY_POINTER_CLASS.equals(className)) {
                throw new MessageRejectedException(ReasonCode.UNKNOWN_POINTER_CLASS,
                        "pointer class is neither " + POINTER_CLASS + " nor " + LEGACY_POINTER_CLASS);
            }
            expect(p.nextToken(), JsonToken.START_OBJECT, "the second element must be an object");
            PayloadPointer pointer = readLocation(p);
            expect(p.nextToken(), JsonToken.END_ARRAY, "a pointer has exactly two elements");
            if (p.nextToken() != null) {
                throw malformed("trailing content after the pointer");
            }
            return pointer;
        } catch (JacksonException e) {
            throw malformed("not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exact body payload-offloading writes for this location (current class name, no whitespace). */
    public static String write(PayloadPointer pointer) {
        StringWriter out = new StringWriter(96 + pointer.bucket().length() + pointer.key().length());
        try (JsonGenerator g = WireJson.FACTORY.createGenerator(out)) {
            g.writeStartArray();
            g.writeString(POINTER_CLASS);
            g.writeStartObject();
            g.writeStringField("s3BucketName", pointer.bucket());
            g.writeStringField("s3Key", pointer.key());
            g.writeEndObject();
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A cheap test to route a body: an array naming one of the two pointer classes. Not a validation. */
    public static boolean looksLikePointer(String body) {
        if (body == null) {
            return false;
        }
        String b = body.stripLeading();
        return b.startsWith("[") && (b.contains(POINTER_CLASS) || b.contains(LEGACY_POINTER_CLASS));
    }

    private static PayloadPointer readLocation(JsonParser p) throws IOException {
        String bucket = null;
        String key = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            expect(p.nextToken(), JsonToken.VALUE_STRING, "pointer fields must be strings");
            switch (name) {
                case "s3BucketName" -> bucket = p.getText();
                case "s3Key" -> key = p.getText();
                default -> throw malformed("pointer object has an unknown field");
            }
        }
        expect(t, JsonToken.END_OBJECT, "not valid JSON");
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty()) {
            throw malformed("pointer needs non-empty s3BucketName and s3Key");
        }
        return new PayloadPointer(bucket, key);
    }

    private static void expect(JsonToken actual, JsonToken expected, String detail) {
        if (actual != expected) {
            throw malformed(detail);
        }
    }

    private static MessageRejectedException malformed(String detail) {
        return new MessageRejectedException(ReasonCode.MALFORMED_POINTER, detail);
    }
}
