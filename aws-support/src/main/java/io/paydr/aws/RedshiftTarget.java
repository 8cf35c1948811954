package io.paydr.aws;

import java.util.Optional;

/**
 * Where the Data API sends statements: a Serverless workgroup or a provisioned cluster, the database, and
 * a Secrets Manager secret or (cluster only) a database user for IAM authentication; a workgroup may also go
 * without either (the caller's IAM identity). The ingest function's configuration demands one of them.
 */
public record RedshiftTarget(Optional<String> workgroupName, Optional<String> clusterIdentifier, String database,
                             Optional<String> secretArn, Optional<String> dbUser) {
    public RedshiftTarget {
        if (workgroupName.isPresent() == clusterIdentifier.isPresent()) {
            throw new IllegalArgumentException("exactly one of workgroup and cluster identifier is required");
        }
        if (secretArn.isPresent() && dbUser.isPresent()) {
            throw new IllegalArgumentException("give a secret ARN or a database user, not both");
        }
        if (clusterIdentifier.isPresent() && secretArn.isEmpty() && dbUser.isEmpty()) {
            // a workgroup may go without either: the caller's IAM identity then maps to a database user
            throw new IllegalArgumentException("a cluster needs a secret ARN or a database user");
        }
        if (dbUser.isPresent() && workgroupName.isPresent()) {
            throw new IllegalArgumentException("a database user works with a provisioned cluster only");
        }
    }

    public static RedshiftTarget workgroup(String workgroup, String database, String secretArn) {
        return new RedshiftTarget(Optional.of(workgroup), Optional.empty(), database, Optional.of(secretArn),
                Optional.empty());
    }

    /** Names the warehouse for logs and errors, without credentials. */
    public String describe() {
        return workgroupName.map(w -> "workgroup " + w).orElseGet(() -> "cluster " + clusterIdentifier.get())
                + " database " + database;
    }
}
