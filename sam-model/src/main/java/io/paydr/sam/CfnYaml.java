package io.paydr.sam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation YAML template into plain maps and lists, turning the short-form tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, {@code !If}, ...) into their long JSON form ({"Ref": x}, {"Fn::If": [...]}), so
 * the resolver sees one representation. A plain YAML loader would reject the tags or silently drop them.
 * Used by local invoke (to run a function as the template declares it) and by the template tests.
 */
public final class CfnYaml {

    /** The template text or its structure is not what CloudFormation accepts; the message names where. */
    public static final class TemplateException extends IllegalArgumentException {
        TemplateException(String message) {
            super(message);
        }
    }

    private CfnYaml() {
    }

    /** @throws TemplateException when the text is not a YAML mapping, does not parse, or repeats a key */
    public static Map<String, Object> parse(String yaml, String source) {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TemplateException(source + " is not a YAML mapping at the top level");
            }
            return asMap(read(parser), source);
        } catch (IOException e) {
            throw new TemplateException(source + " does not parse as YAML: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object node, String where) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new TemplateException(where + " is not a mapping: " + node);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object node, String where) {
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new TemplateException(where + " is not a list: " + node);
    }

    private static Object read(JsonParser parser) throws IOException {
        Object tag = parser.getTypeId(); // must be read before the value is consumed
        Object value = switch (parser.currentToken()) {
            case START_OBJECT -> readMapping(parser);
            case START_ARRAY -> readSequence(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected YAML token " + parser.currentToken() + " at "
                    + parser.currentLocation());
        };
        return tag == null ? value : longForm(tag.toString(), value);
    }

    private static Map<String, Object> readMapping(JsonParser parser) throws IOException {
        Map<String, Object> mapping = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (mapping.put(key, read(parser)) != null) {
                throw new TemplateException("duplicate key '" + key + "' at " + parser.currentLocation());
            }
        }
        return mapping;
    }

    private static List<Object> readSequence(JsonParser parser) throws IOException {
        List<Object> sequence = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            sequence.add(read(parser));
        }
        return sequence;
    }

    /** {@code !Ref X} is {"Ref": X}, {@code !Condition X} is {"Condition": X}, {@code !Foo v} is {"Fn::Foo": v}. */
    private static Object longForm(String tag, Object value) {
        if (tag.startsWith("tag:yaml.org,2002:")) {
            return value; // an explicit standard type such as !!str
        }
        return switch (tag) {
            case "Ref", "Condition" -> Map.of(tag, value);
            case "GetAtt" -> Map.of("Fn::GetAtt", value instanceof String dotted && dotted.contains(".")
                    ? List.of(dotted.substring(0, dotted.indexOf('.')), dotted.substring(dotted.indexOf('.') + 1))
                    : value);
            default -> Map.of("Fn::" + tag, value);
        };
    }
}
