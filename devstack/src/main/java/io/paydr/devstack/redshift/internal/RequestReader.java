package io.paydr.devstack.redshift.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and validates request members the way the Data API does, answering ValidationException. */
final class RequestReader {

    /** The Data API's limit on the text of one SQL statement. */
    static final int MAX_SQL_BYTES = 100 * 1024;
    static final int MAX_BATCH_SQLS = 40;
    /** Long polling: WaitTimeSeconds takes 1 to 30 ("Reduce API calls with long polling", Redshift Management Guide). */
    static final int MAX_WAIT_SECONDS = 30;
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonNode body;

    RequestReader(JsonNode body) {
        this.body = body;
    }

    String optional(String member) {
        JsonNode n = body.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw DataApiException.validation(member + " must be a string");
        }
        return n.asText();
    }

    String required(String member) {
        String v = optional(member);
        if (v == null || v.isEmpty()) {
            throw DataApiException.validation("1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    Integer optionalInt(String member, int min, int max) {
        JsonNode n = body.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw DataApiException.validation(member + " must be an integer between " + min + " and " + max);
        }
        return n.asInt();
    }

    /**
     * The long-polling wait ({@code WaitTimeSeconds}), or null when the request does not wait. Outside 1..30 the
     * request is refused with the wording of AWS's request validation.
     */
    Integer waitTimeSeconds() {
        JsonNode n = body.get("WaitTimeSeconds");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt()) {
            throw DataApiException.validation("1 validation error detected: Value '" + n.asText()
                    + "' at 'waitTimeSeconds' failed to satisfy constraint: Member must be an integer");
        }
        int seconds = n.asInt();
        if (seconds < 1) {
            throw DataApiException.validation("1 validation error detected: Value '" + seconds
                    + "' at 'waitTimeSeconds' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        if (seconds > MAX_WAIT_SECONDS) {
            throw DataApiException.validation("1 validation error detected: Value '" + seconds
                    + "' at 'waitTimeSeconds' failed to satisfy constraint: Member must have value less than or equal to "
                    + MAX_WAIT_SECONDS);
        }
        return seconds;
    }

    /** The statement target and credentials, as ExecuteStatement and BatchExecuteStatement require them. */
    StatementRequest statementRequest(List<String> sqls, boolean batch, Map<String, String> parameters) {
        for (String unsupported : List.of("SessionId", "SessionKeepAliveSeconds")) {
            if (body.hasNonNull(unsupported)) {
                throw DataApiException.validation(unsupported + " is not supported by devstack: sessions are not emulated");
            }
        }
        String format = optional("ResultFormat");
        if (format != null && !format.equals("JSON")) {
            throw DataApiException.validation("ResultFormat " + format + " is not supported by devstack; use JSON");
        }
        String workgroup = optional("WorkgroupName");
        String cluster = optional("ClusterIdentifier");
        if ((workgroup == null) == (cluster == null)) {
            throw DataApiException.validation("Exactly one of WorkgroupName or ClusterIdentifier must be given");
        }
        String secretArn = optional("SecretArn");
        String dbUser = optional("DbUser");
        if (secretArn != null && dbUser != null) {
            throw DataApiException.validation("Specify either SecretArn or DbUser, not both");
        }
        if (cluster != null && secretArn == null && dbUser == null) {
            throw DataApiException.validation("A provisioned cluster needs SecretArn or DbUser");
        }
        return new StatementRequest(sqls, batch, parameters, required("Database"), workgroup, cluster,
                secretArn, dbUser, optional("StatementName"), optional("ClientToken"));
    }

    List<String> sqls() {
        JsonNode n = body.get("Sqls");
        if (n == null || !n.isArray() || n.isEmpty() || n.size() > MAX_BATCH_SQLS) {
            throw DataApiException.validation("Sqls must hold 1 to " + MAX_BATCH_SQLS + " SQL statements");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) {
            out.add(checkedSql(s.asText()));
        }
        return out;
    }

    String sql() {
        return checkedSql(required("Sql"));
    }

    Map<String, String> parameters() {
        JsonNode n = body.get("Parameters");
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        for (JsonNode p : n) {
            String name = p.path("name").asText(null);
            String value = p.path("value").asText(null);
            if (name == null || !PARAMETER_NAME.matcher(name).matches()) {
                throw DataApiException.validation("Parameter name '" + name + "' is not a valid SQL parameter name");
            }
            if (value == null) {
                throw DataApiException.validation("Parameter '" + name + "' has no value");
            }
            if (out.put(name, value) != null) {
                throw DataApiException.validation("Parameter '" + name + "' is given twice");
            }
        }
        return out;
    }

    private static String checkedSql(String sql) {
        if (sql == null || sql.isBlank()) {
            throw DataApiException.validation("The SQL statement is empty");
        }
        if (sql.getBytes(StandardCharsets.UTF_8).length > MAX_SQL_BYTES) {
            throw DataApiException.validation("The SQL statement exceeds the maximum query statement size of 100 KB");
        }
        return sql;
    }
}
