package io.paydr.devstack.postgres;

import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedWarehouseTest {

    @Test
    void startsOneServerWithOneDatabasePerRegionAndStopsIt() throws Exception {
        int port;
        try (EmbeddedWarehouse warehouse = EmbeddedWarehouse.builder().externalJdbcUrl(null).start()) {
            assertTrue(warehouse.embedded());
            for (DevRegion region : DevRegion.values()) {
                try (Connection c = DriverManager.getConnection(warehouse.jdbcUrl(region))) {
                    assertEquals(EmbeddedWarehouse.databaseName(region), scalar(c, "SELECT current_database()"));
                    assertEquals("17", scalar(c, "SHOW server_version").split("\\.")[0]);
                    assertEquals("off", scalar(c, "SHOW fsync"));
                }
            }
            try (Connection east = DriverManager.getConnection(warehouse.jdbcUrl(DevRegion.PRIMARY));
                 Statement s = east.createStatement()) {
                s.execute("CREATE TABLE only_in_east (id int)");
            }
            try (Connection west = DriverManager.getConnection(warehouse.jdbcUrl(DevRegion.SECONDARY))) {
                assertEquals("0", scalar(west, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_east'"));
            }
            port = java.net.URI.create(warehouse.jdbcUrl(DevRegion.PRIMARY).substring(5)).getPort();
        }
        int stoppedPort = port;
        assertThrows(ConnectException.class, () -> new Socket("localhost", stoppedPort).close());
    }

    @Test
    void externalServerGetsTheDatabasesCreatedAndIsLeftRunning() throws Exception {
        try (EmbeddedWarehouse server = EmbeddedWarehouse.builder().externalJdbcUrl(null).start()) {
            String serverUrl = server.jdbcUrl(DevRegion.PRIMARY).replace("payments_us_east_1", "postgres");
            try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE payments_us_west_2");
            }
            EmbeddedWarehouse external = EmbeddedWarehouse.builder().externalJdbcUrl(serverUrl).start();
            assertFalse(external.embedded());
            external.close();
            try (Connection c = DriverManager.getConnection(external.jdbcUrl(DevRegion.SECONDARY))) {
                assertEquals("payments_us_west_2", scalar(c, "SELECT current_database()"));
            }
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
