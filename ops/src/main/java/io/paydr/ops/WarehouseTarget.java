package io.paydr.ops;

import io.paydr.aws.RedshiftTarget;

import java.util.Optional;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One warehouse as the Redshift Data API names it: a Region, a Serverless workgroup or a provisioned cluster, a
 * database, and optionally a Secrets Manager secret or (clusters only) a database user for temporary credentials.
 */
public record WarehouseTarget(String region, Kind kind, String name, String database, String secretArn,
                              String dbUser) {

    public enum Kind { WORKGROUP, CLUSTER }

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,127}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,126}");

    public WarehouseTarget {
        Objects.requireNonNull(kind, "kind");
        require(region, REGION, "Region", "such as us-east-1");
        require(name, NAME, kind == Kind.WORKGROUP ? "workgroup" : "cluster", "of letters, digits and -");
        require(database, DATABASE, "database", "of letters, digits and _");
        secretArn = blankToNull(secretArn);
        dbUser = blankToNull(dbUser);
        if (secretArn != null && !secretArn.startsWith("arn:")) {
            throw new OpsConfigException("secret ARN must start with arn:");
        }
        if (secretArn != null && dbUser != null) {
            throw new OpsConfigException("give a secret ARN or a database user, not both");
        }
        if (kind == Kind.WORKGROUP && dbUser != null) {
            throw new OpsConfigException("a database user applies to provisioned clusters only (workgroup " + name
                    + "): use a secret ARN or IAM credentials");
        }
        if (kind == Kind.CLUSTER && secretArn == null && dbUser == null) {
            throw new OpsConfigException("cluster " + name + " needs a secret ARN or a database user");
        }
    }

    public static WarehouseTarget workgroup(String region, String workgroup, String database) {
        return new WarehouseTarget(region, Kind.WORKGROUP, workgroup, database, null, null);
    }

    /**
     * Parses {@code <region>:<workgroup>:<database>}, where the middle part may also be written
     * {@code workgroup=<name>} or {@code cluster=<id>}; credentials are added with {@link #withSecretArn} or
     * {@link #withDbUser} (a cluster needs one of them, so parse it with them).
     */
    public static WarehouseTarget parse(String spec, String secretArn, String dbUser) {
        String[] parts = spec == null ? new String[0] : spec.split(":", -1);
        if (parts.length != 3) {
            throw new OpsConfigException("warehouse '" + spec + "' must be <region>:<workgroup>:<database> or"
                    + " <region>:cluster=<id>:<database>");
        }
        Kind kind = Kind.WORKGROUP;
        String name = parts[1];
        if (name.startsWith("cluster=")) {
            kind = Kind.CLUSTER;
            name = name.substring("cluster=".length());
        } else if (name.startsWith("workgroup=")) {
            name = name.substring("workgroup=".length());
        }
        return new WarehouseTarget(parts[0], kind, name, parts[2], secretArn, dbUser);
    }

    public WarehouseTarget withSecretArn(String arn) {
        return new WarehouseTarget(region, kind, name, database, arn, dbUser);
    }

    public WarehouseTarget withDbUser(String user) {
        return new WarehouseTarget(region, kind, name, database, secretArn, user);
    }

    /** The same warehouse as the shared Data API runner names it. */
    public RedshiftTarget redshiftTarget() {
        return new RedshiftTarget(kind == Kind.WORKGROUP ? Optional.of(name) : Optional.empty(),
                kind == Kind.CLUSTER ? Optional.of(name) : Optional.empty(), database,
                Optional.ofNullable(secretArn), Optional.ofNullable(dbUser));
    }

    /** For reports: never includes the secret ARN. */
    @Override
    public String toString() {
        return region + ":" + (kind == Kind.CLUSTER ? "cluster=" : "") + name + ":" + database;
    }

    private static void require(String value, Pattern pattern, String what, String hint) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new OpsConfigException(what + " '" + value + "' is not valid: expected a name " + hint);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
