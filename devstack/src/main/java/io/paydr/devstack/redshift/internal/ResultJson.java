package io.paydr.devstack.redshift.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.List;

/** Renders results as the Data API's ColumnMetadata and Records of Field unions. */
final class ResultJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultJson() {
    }

    static ArrayNode columns(List<StatementResult.Column> columns) {
        ArrayNode out = JSON.arrayNode();
        for (StatementResult.Column c : columns) {
            ObjectNode n = out.addObject();
            n.put("name", c.name());
            n.put("label", c.label());
            n.put("typeName", c.typeName());
            n.put("nullable", c.nullable());
            n.put("precision", c.precision());
            n.put("scale", c.scale());
            n.put("isSigned", c.signed());
            n.put("isCaseSensitive", c.caseSensitive());
            n.put("isCurrency", c.currency());
            n.put("length", c.length());
            n.put("schemaName", c.schemaName());
            n.put("tableName", c.tableName());
        }
        return out;
    }

    static ArrayNode records(List<Object[]> rows) {
        ArrayNode out = JSON.arrayNode();
        for (Object[] row : rows) {
            ArrayNode r = out.addArray();
            for (Object v : row) {
                r.add(field(v));
            }
        }
        return out;
    }

    private static ObjectNode field(Object v) {
        ObjectNode f = JSON.objectNode();
        if (v == null) {
            f.put("isNull", true);
        } else if (v instanceof Boolean b) {
            f.put("booleanValue", b);
        } else if (v instanceof Long l) {
            f.put("longValue", l);
        } else if (v instanceof Double d) {
            f.put("doubleValue", d);
        } else if (v instanceof byte[] bytes) {
            f.put("blobValue", Base64.getEncoder().encodeToString(bytes));
        } else {
            f.put("stringValue", v.toString());
        }
        return f;
    }
}
