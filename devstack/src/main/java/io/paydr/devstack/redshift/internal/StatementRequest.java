package io.paydr.devstack.redshift.internal;

import java.util.List;
import java.util.Map;

/**
 * What the caller asked for, validated: the SQL (one text, or 1..40 for a batch) and the identity fields
 * that DescribeStatement and ListStatements echo back. Devstack ignores which warehouse is named.
 * {@code clientToken} (which the SDK fills in and keeps across its retries) makes submission idempotent.
 */
public record StatementRequest(List<String> sqls, boolean batch, Map<String, String> parameters,
                               String database, String workgroupName, String clusterIdentifier,
                               String secretArn, String dbUser, String statementName, String clientToken) {

    public StatementRequest {
        sqls = List.copyOf(sqls);
        parameters = Map.copyOf(parameters);
    }
}
