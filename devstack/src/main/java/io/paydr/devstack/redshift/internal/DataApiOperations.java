package io.paydr.devstack.redshift.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The Data API operations: JSON request in, JSON response out, errors as {@link DataApiException}. */
public final class DataApiOperations {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final StatementStore store;
    private final StatementRunner runner;
    private final int pageSize;
    private final int maxWaitingRequests;

    /** @param maxWaitingRequests requests with WaitTimeSeconds that may wait on one statement at once */
    public DataApiOperations(StatementStore store, StatementRunner runner, int pageSize, int maxWaitingRequests) {
        this.store = store;
        this.runner = runner;
        this.pageSize = pageSize;
        this.maxWaitingRequests = maxWaitingRequests;
    }

    public ObjectNode dispatch(String operation, JsonNode body) {
        RequestReader in = new RequestReader(body);
        return switch (operation) {
            case "ExecuteStatement" -> executeStatement(in);
            case "BatchExecuteStatement" -> batchExecuteStatement(in, body);
            case "DescribeStatement" -> describeStatement(in);
            case "GetStatementResult" -> getStatementResult(in);
            case "CancelStatement" -> cancelStatement(in);
            case "ListStatements" -> listStatements(in);
            default -> throw new DataApiException("UnknownOperationException", 400,
                    "Operation " + operation + " is not supported by devstack's Redshift Data API");
        };
    }

    private ObjectNode executeStatement(RequestReader in) {
        Integer wait = in.waitTimeSeconds();
        return submit(in.statementRequest(List.of(in.sql()), false, in.parameters()), wait);
    }

    /** One set of named Parameters serves the whole batch: each statement binds the ones it names. */
    private ObjectNode batchExecuteStatement(RequestReader in, JsonNode body) {
        if (body.hasNonNull("ExecutionMode") && !"TRANSACTION".equals(body.get("ExecutionMode").asText())) {
            throw DataApiException.validation("ExecutionMode " + body.get("ExecutionMode").asText()
                    + " is not supported by devstack; a batch runs as one TRANSACTION");
        }
        Integer wait = in.waitTimeSeconds();
        return submit(in.statementRequest(in.sqls(), true, in.parameters()), wait);
    }

    /**
     * Registers and starts a statement, or finds the one an earlier request with the same ClientToken started (a
     * retried submission never runs twice). With WaitTimeSeconds the answer waits for the statement to end, or for the
     * wait to run out, and carries Status, RedshiftPid and HasResultSet.
     */
    private ObjectNode submit(StatementRequest request, Integer waitSeconds) {
        Statement created = Statement.create(UUID.randomUUID().toString(), request);
        Statement statement = store.register(created);
        if (statement == created) {
            runner.submit(statement);
        }
        if (waitSeconds != null) {
            longPoll(statement, statement, waitSeconds);
        }
        ObjectNode out = identity(statement);
        out.put("CreatedAt", epochSeconds(statement.createdAt()));
        if (waitSeconds != null) {
            out.put("Status", statement.status().name());
            out.put("RedshiftPid", statement.redshiftPid());
            out.put("HasResultSet", statement.isBatch()
                    ? statement.subStatements().stream().anyMatch(Statement::hasResultSet) : statement.hasResultSet());
        }
        return out;
    }

    /**
     * Long polling: waits until {@code target} ends or {@code seconds} pass. Waiting requests are counted per
     * statement (a batch and its sub-statements together); one more than the limit is refused with
     * ActiveWaitingRequestsExceededException, and the caller falls back to plain polling.
     */
    private void longPoll(Statement counted, Statement target, int seconds) {
        if (!counted.enterWait(maxWaitingRequests)) {
            throw new DataApiException("ActiveWaitingRequestsExceededException", 400,
                    "The number of active requests with WaitTimeSeconds for the same SQL statement exceeds the limit of "
                            + maxWaitingRequests + ".");
        }
        try {
            target.awaitFinal(Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataApiException("InternalServerException", 500, "devstack is stopping");
        } finally {
            counted.leaveWait();
        }
    }

    /** The statement a waiting request counts against: the batch for a sub-statement id. */
    private Statement parentOf(String id) {
        return store.find(id.contains(":") ? id.substring(0, id.lastIndexOf(':')) : id);
    }

    private ObjectNode describeStatement(RequestReader in) {
        String id = in.required("Id");
        Statement s = store.find(id);
        Integer wait = in.waitTimeSeconds();
        if (wait != null) {
            longPoll(parentOf(id), s, wait);
        }
        ObjectNode out = identity(s);
        out.put("QueryString", s.sql());
        putParameters(out, s.request());
        describeCommon(s, out);
        out.put("RedshiftPid", s.redshiftPid());
        if (s.isBatch()) {
            out.put("HasResultSet", s.subStatements().stream().anyMatch(Statement::hasResultSet));
            ArrayNode subs = out.putArray("SubStatements");
            for (Statement sub : s.subStatements()) {
                ObjectNode n = subs.addObject();
                n.put("Id", sub.id());
                n.put("QueryString", sub.sql());
                describeCommon(sub, n);
            }
        }
        return out;
    }

    private static void describeCommon(Statement s, ObjectNode out) {
        out.put("Status", s.status().name());
        out.put("CreatedAt", epochSeconds(s.createdAt()));
        out.put("UpdatedAt", epochSeconds(s.updatedAt()));
        out.put("Duration", s.durationNanos());
        out.put("HasResultSet", s.hasResultSet());
        out.put("ResultRows", s.resultRows());
        out.put("ResultSize", s.resultSize());
        out.put("RedshiftQueryId", s.queryId());
        if (s.error() != null) {
            out.put("Error", s.error());
        }
    }

    /**
     * With WaitTimeSeconds the result waits for the statement to end (so one call both waits and fetches); a statement
     * still running when the wait runs out, or one that failed, has no result, as without waiting.
     */
    private ObjectNode getStatementResult(RequestReader in) {
        String id = in.required("Id");
        Statement s = store.find(id);
        if (s.isBatch()) {
            throw DataApiException.validation("BatchExecuteStatement result can only be retrieved with sub-statement id ("
                    + id + ":1 ...).");
        }
        Integer wait = in.waitTimeSeconds();
        if (wait != null && in.optional("NextToken") == null) {
            longPoll(parentOf(id), s, wait);
        }
        StatementResult result = s.result();
        if (s.status() != StatementStatus.FINISHED || result == null) {
            throw new DataApiException("ResourceNotFoundException", 400,
                    "Query does not have result. Please check query status with DescribeStatement (status " + s.status() + ").");
        }
        int from = decodeToken(in.optional("NextToken"), id, result.rows().size());
        int to = Math.min(result.rows().size(), from + pageSize);
        ObjectNode out = JSON.objectNode();
        out.set("ColumnMetadata", ResultJson.columns(result.columns()));
        out.set("Records", ResultJson.records(result.rows().subList(from, to)));
        out.put("TotalNumRows", result.rows().size());
        if (to < result.rows().size()) {
            out.put("NextToken", encodeToken(id, to));
        }
        return out;
    }

    private ObjectNode cancelStatement(RequestReader in) {
        String id = in.required("Id");
        // a sub-statement runs inside its batch's transaction: cancelling it cancels the batch
        Statement s = store.find(id.contains(":") ? id.substring(0, id.lastIndexOf(':')) : id);
        boolean cancelled;
        try {
            cancelled = s.cancel();
        } catch (SQLException e) {
            throw new DataApiException("InternalServerException", 500, "Could not cancel " + id + ": " + e.getMessage());
        }
        if (!cancelled) {
            throw DataApiException.validation("Could not cancel a query that is already in " + s.status() + " state.");
        }
        return JSON.objectNode().put("Status", true);
    }

    private ObjectNode listStatements(RequestReader in) {
        String status = in.optional("Status");
        if (status != null && !status.equals("ALL") && !status.equals("PICKED") && !isStatus(status)) {
            throw DataApiException.validation("Status must be one of SUBMITTED, PICKED, STARTED, FINISHED, ABORTED, FAILED, ALL");
        }
        String name = in.optional("StatementName");
        Integer requested = in.optionalInt("MaxResults", 0, 100);
        int max = requested == null || requested == 0 ? 100 : requested;
        List<Statement> matching = store.list(s -> (status == null || status.equals("ALL") || s.status().name().equals(status))
                && (name == null || name.equals(s.request().statementName())));
        int from = decodeToken(in.optional("NextToken"), "ListStatements", matching.size());
        int to = Math.min(matching.size(), from + max);
        ObjectNode out = JSON.objectNode();
        ArrayNode items = out.putArray("Statements");
        for (Statement s : matching.subList(from, to)) {
            items.add(statementData(s));
        }
        if (to < matching.size()) {
            out.put("NextToken", encodeToken("ListStatements", to));
        }
        return out;
    }

    private static boolean isStatus(String s) {
        for (StatementStatus status : StatementStatus.values()) {
            if (status.name().equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode statementData(Statement s) {
        ObjectNode n = JSON.objectNode();
        n.put("Id", s.id());
        n.put("Status", s.status().name());
        n.put("CreatedAt", epochSeconds(s.createdAt()));
        n.put("UpdatedAt", epochSeconds(s.updatedAt()));
        n.put("IsBatchStatement", s.isBatch());
        if (s.isBatch()) {
            ArrayNode q = n.putArray("QueryStrings");
            s.request().sqls().forEach(q::add);
        } else {
            n.put("QueryString", s.sql());
            putParameters(n, s.request());
        }
        putIfPresent(n, "StatementName", s.request().statementName());
        putIfPresent(n, "SecretArn", s.request().secretArn());
        return n;
    }

    /** The members every statement response echoes: Id and the warehouse the caller named. */
    private static ObjectNode identity(Statement s) {
        StatementRequest r = s.request();
        ObjectNode out = JSON.objectNode();
        out.put("Id", s.id());
        putIfPresent(out, "Database", r.database());
        putIfPresent(out, "WorkgroupName", r.workgroupName());
        putIfPresent(out, "ClusterIdentifier", r.clusterIdentifier());
        putIfPresent(out, "SecretArn", r.secretArn());
        putIfPresent(out, "DbUser", r.dbUser());
        return out;
    }

    private static void putParameters(ObjectNode n, StatementRequest r) {
        if (!r.parameters().isEmpty()) {
            ArrayNode params = n.putArray("QueryParameters");
            r.parameters().forEach((name, value) -> params.addObject().put("name", name).put("value", value));
        }
    }

    private static void putIfPresent(ObjectNode n, String member, String value) {
        if (value != null) {
            n.put(member, value);
        }
    }

    /** AWS JSON 1.1 timestamps: epoch seconds, with the fraction. */
    static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static String encodeToken(String scope, int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scope + "|" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeToken(String token, String scope, int size) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            int offset = Integer.parseInt(text.substring(bar + 1));
            if (text.substring(0, bar).equals(scope) && offset >= 0 && offset <= size) {
                return offset;
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // falls through to the validation error
        }
        throw DataApiException.validation("The NextToken is not valid for this request");
    }
}
