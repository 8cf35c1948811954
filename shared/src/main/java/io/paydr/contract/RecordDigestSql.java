package io.paydr.contract;

/**
 * The SQL form of {@link RecordDigest}: the canonical encoding of a row and its SHA-256, as Redshift computes them
 * (and devstack's PostgreSQL, through its SHA2 compatibility function). The load, the schema migration and
 * reconcile take the expression from here, so the warehouse and the Java side can never disagree on it; the ingest
 * tests (LoadSqlOnPostgresTest, InsertCopyDifferentialTest) prove both give the same digest for edge-case records.
 */
public final class RecordDigestSql {
    private RecordDigestSql() {
    }

    /** The canonical encoding of the row whose columns are qualified by {@code alias} (empty: unqualified). */
    public static String canonical(String alias) {
        String a = alias.isEmpty() ? "" : alias + ".";
        String sep = " || CHR(31) || ";
        return a + "transaction_id" + sep + a + "merchant_id" + sep + "CAST(" + a + "amount_minor AS VARCHAR(20))"
                + sep + a + "currency" + sep + a + "status" + sep + "TO_CHAR(" + a
                + "occurred_at, 'YYYY-MM-DD HH24:MI:SS.MS')" + sep + a + "source_region";
    }

    /** The row's {@code row_sha256}: lowercase hex SHA-256 of its canonical encoding. */
    public static String rowSha256(String alias) {
        return "SHA2(" + canonical(alias) + ", 256)";
    }
}
