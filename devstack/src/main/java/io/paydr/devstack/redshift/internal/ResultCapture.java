package io.paydr.devstack.redshift.internal;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Reads a JDBC result set into the Data API's typed form, enforcing the Data API's result size limit. */
public final class ResultCapture {

    /** The Data API refuses results larger than 100 MB. */
    public static final long MAX_RESULT_BYTES = 100L * 1024 * 1024;

    private ResultCapture() {
    }

    public static StatementResult capture(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<StatementResult.Column> columns = new ArrayList<>(n);
        int[] kinds = new int[n];
        for (int i = 1; i <= n; i++) {
            columns.add(column(md, i));
            kinds[i - 1] = md.getColumnType(i);
        }
        List<Object[]> rows = new ArrayList<>();
        long size = 0;
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = value(rs, i + 1, kinds[i]);
                size += sizeOf(row[i]);
            }
            if (size > MAX_RESULT_BYTES) {
                throw new SQLException("The result set exceeds the Data API limit of 100 MB; select fewer rows or columns");
            }
            rows.add(row);
        }
        return new StatementResult(List.copyOf(columns), rows, size);
    }

    private static StatementResult.Column column(ResultSetMetaData md, int i) throws SQLException {
        return new StatementResult.Column(md.getColumnName(i), md.getColumnLabel(i), md.getColumnTypeName(i),
                md.isNullable(i), md.getPrecision(i), md.getScale(i), md.isSigned(i), md.isCaseSensitive(i),
                md.isCurrency(i), md.getColumnDisplaySize(i), md.getSchemaName(i), md.getTableName(i));
    }

    /** The Field union member for a column type: integers as longs, floats as doubles, decimals and dates as strings (as Redshift does). */
    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        Object v = switch (type) {
            case Types.BIT, Types.BOOLEAN -> rs.getBoolean(i);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(i);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> rs.getDouble(i);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> rs.getBytes(i);
            default -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }

    private static long sizeOf(Object v) {
        if (v instanceof String s) {
            return s.length();
        }
        if (v instanceof byte[] b) {
            return b.length;
        }
        return 8;
    }
}
