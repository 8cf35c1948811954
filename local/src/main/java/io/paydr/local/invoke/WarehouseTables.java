package io.paydr.local.invoke;

import io.paydr.aws.TableName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Region's warehouse (the PostgreSQL database behind devstack's Data API) for the report: a table's row
 * count and its first rows in a stable order. Table names come from the validated IngestConfig.
 */
final class WarehouseTables {

    /** One table as read: its row count and its first rows, column name to value. */
    record Snapshot(TableName table, long rows, List<Map<String, String>> firstRows) {
    }

    private final String jdbcUrl;

    WarehouseTables(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    long count(TableName table) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table.qualified())) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count " + table.qualified() + ": " + e.getMessage(), e);
        }
    }

    /** The row count and the first {@code limit} rows ordered by the given columns. */
    Snapshot snapshot(TableName table, String orderBy, int limit) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM " + table.qualified() + " ORDER BY " + orderBy
                     + " LIMIT " + limit)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), r.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table.qualified() + ": " + e.getMessage(), e);
        }
        return new Snapshot(table, count(table), rows);
    }
}
