package io.paydr.local.pipeline;

import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of one Region's payments table and the size of its ingest ledger, read from the PostgreSQL
 * behind devstack's warehouse. Devstack only: it lets the run compare each warehouse row by row with
 * what was published, beyond what reconcile (which compares the warehouses with each other) can see.
 *
 * @param rows           all rows, duplicates included
 * @param ledgerPayloads rows of the ingest ledger (payloads loaded)
 */
public record WarehouseSnapshot(List<PaymentTransaction> rows, long ledgerPayloads) {

    public static WarehouseSnapshot read(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            List<PaymentTransaction> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT transaction_id, merchant_id, amount_minor, currency, status,"
                    + " occurred_at, source_region FROM public.payments")) {
                while (rs.next()) {
                    rows.add(new PaymentTransaction(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getString(4).trim(), PaymentStatus.valueOf(rs.getString(5)),
                            rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(7)));
                }
            }
            long ledger;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM public.payments_ingest_ledger")) {
                rs.next();
                ledger = rs.getLong(1);
            }
            return new WarehouseSnapshot(List.copyOf(rows), ledger);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the warehouse behind " + redacted(jdbcUrl) + ": "
                    + e.getMessage(), e);
        }
    }

    private static String redacted(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }
}
