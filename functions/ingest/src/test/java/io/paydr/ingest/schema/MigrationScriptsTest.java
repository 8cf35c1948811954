package io.paydr.ingest.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.aws.TableName;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationScriptsTest {
    private static final TableName PAYMENTS = new TableName("public", "payments");
    private static final TableName LEDGER = new TableName("public", "payments_ingest_ledger");

    @Test
    void v1CreatesTheTablesOfTheInterfacesPage() {
        List<Migration> migrations = MigrationScripts.bundled(PAYMENTS, LEDGER);

        Migration v1 = migrations.get(0);
        assertEquals(1, v1.version());
        assertEquals("payments and ledger", v1.description());
        assertEquals(List.of(
                "CREATE TABLE public.payments ( transaction_id VARCHAR(64) NOT NULL, merchant_id VARCHAR(64) NOT NULL,"
                        + " amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL, status VARCHAR(16) NOT NULL,"
                        + " occurred_at TIMESTAMP NOT NULL, source_region VARCHAR(32) NOT NULL)"
                        + " DISTKEY(transaction_id) SORTKEY(occurred_at)",
                "CREATE TABLE public.payments_ingest_ledger ( payload_key VARCHAR(1024) NOT NULL,"
                        + " batch_id VARCHAR(128) NOT NULL, payload_sha256 CHAR(64) NOT NULL, row_count BIGINT NOT NULL,"
                        + " message_id VARCHAR(128), loaded_at TIMESTAMP NOT NULL) DISTSTYLE ALL SORTKEY(payload_key)"),
                v1.statements());
    }

    @Test
    void configuredTableNamesAreSubstituted() {
        Migration v1 = MigrationScripts.bundled(new TableName("analytics", "pay"), new TableName("analytics", "led"))
                .get(0);

        assertTrue(v1.statements().get(0).startsWith("CREATE TABLE analytics.pay ("));
        assertTrue(v1.statements().get(1).startsWith("CREATE TABLE analytics.led ("));
    }

    @Test
    void badFileNamesAndUnknownPlaceholdersAreRefused() {
        assertThrows(IllegalStateException.class, () -> MigrationScripts.parse("create.sql", "SELECT 1", Map.of()));
        assertThrows(IllegalStateException.class,
                () -> MigrationScripts.parse("V2__x.sql", "CREATE TABLE ${other} (a INT)", Map.of()));
    }

    @Test
    void aVersionRunsInOneTransactionWithItsVersionRow() {
        Migration v1 = MigrationScripts.bundled(PAYMENTS, LEDGER).get(0);
        SchemaMigrator migrator = new SchemaMigrator(null, new TableName("public", "paydr_schema_version"), List.of(v1),
                Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC));

        List<String> transaction = migrator.transaction(v1);

        assertEquals("LOCK public.paydr_schema_version", transaction.get(0));
        assertEquals(v1.statements(), transaction.subList(1, 3));
        assertEquals("INSERT INTO public.paydr_schema_version (version, description, applied_at) VALUES (1,"
                + " 'payments and ledger', CAST('2026-11-25 18:00:00.000' AS TIMESTAMP))", transaction.get(3));
    }
}
