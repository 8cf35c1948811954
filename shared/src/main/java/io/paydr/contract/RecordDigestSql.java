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

    /**
     * Per list, the {@link RowsDigest} of {@code relation}'s rows, with their count and how many carry a
     * {@code row_sha256} that is not their columns' own (a NULL one included, which LISTAGG would skip): a query of
     * columns {@code (<listColumn>, row_total, mislabelled, rows_digest)}. The relation needs the record columns,
     * {@code row_sha256}, {@code line_no} and the list column.
     */
    public static String rowsDigest(String relation, String listColumn) {
        String fan = String.valueOf(RowsDigest.FAN_OUT);
        String groupOf = "line_no / " + (long) RowsDigest.FAN_OUT * RowsDigest.FAN_OUT;
        String blockOf = "line_no / " + fan;
        return "SELECT " + listColumn + ", SUM(row_total) AS row_total, SUM(mislabelled) AS mislabelled,"
                + " SHA2(LISTAGG(group_sha256) WITHIN GROUP (ORDER BY paydr_group), 256) AS rows_digest FROM ("
                + "SELECT " + listColumn + ", paydr_group, SUM(row_total) AS row_total, SUM(mislabelled) AS mislabelled,"
                + " SHA2(LISTAGG(block_sha256) WITHIN GROUP (ORDER BY paydr_block), 256) AS group_sha256 FROM ("
                + "SELECT r." + listColumn + ", r." + groupOf + " AS paydr_group, r." + blockOf + " AS paydr_block,"
                + " COUNT(*) AS row_total, SUM(CASE WHEN r.row_sha256 = " + rowSha256("r") + " THEN 0 ELSE 1 END)"
                + " AS mislabelled, SHA2(LISTAGG(r.row_sha256) WITHIN GROUP (ORDER BY r.line_no), 256) AS block_sha256"
                + " FROM " + relation + " r GROUP BY r." + listColumn + ", r." + groupOf + ", r." + blockOf + ") b"
                + " GROUP BY " + listColumn + ", paydr_group) g GROUP BY " + listColumn;
    }
}
