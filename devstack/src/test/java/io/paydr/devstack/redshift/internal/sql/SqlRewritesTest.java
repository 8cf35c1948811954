package io.paydr.devstack.redshift.internal.sql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named parameters and the Redshift dialect rewrite code only, never literals or comments. */
class SqlRewritesTest {

    @Test
    void namedParametersBecomePlaceholdersOutsideQuotesAndCasts() {
        NamedParameters p = NamedParameters.of(
                "SELECT :a::int, ':notme', \":col\", $$ :dollar $$ -- :comment\n, :b, /* :c */ :a, x::text");
        assertEquals("SELECT ?::int, ':notme', \":col\", $$ :dollar $$ -- :comment\n, ?, /* :c */ ?, x::text", p.jdbcSql());
        assertEquals(List.of("a", "b", "a"), p.names());
        assertEquals(List.of("1", "2", "1"), p.bind(Map.of("a", "1", "b", "2")));
    }

    @Test
    void bindingNamesMissingAndUnusedParameters() {
        NamedParameters p = NamedParameters.of("SELECT :a");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.bind(Map.of())).getMessage().contains(":a"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.bind(Map.of("a", "1", "z", "2"))).getMessage().contains("'z'"));
    }

    @Test
    void escapeStringLiteralsAreSkippedWhole() {
        assertEquals(List.of("x"), NamedParameters.of("SELECT E'it\\'s :no', :x").names());
    }

    @Test
    void redshiftTableOptionsAreDropped() {
        String ddl = "CREATE TABLE t (id BIGINT ENCODE az64 DISTKEY, s VARCHAR(8) ENCODE lzo SORTKEY, note VARCHAR(9) DEFAULT 'ENCODE x') "
                + "BACKUP NO DISTSTYLE KEY DISTKEY(id) INTERLEAVED SORTKEY(id, s)";
        assertEquals("CREATE TABLE t (id BIGINT  , s VARCHAR(8)  , note VARCHAR(9) DEFAULT 'ENCODE x')    ",
                RedshiftDialect.toPostgres(ddl));
    }

    @Test
    void dmlKeepsWordsThatOnlyDdlDrops() {
        assertEquals("SELECT sortkey FROM t", RedshiftDialect.toPostgres("SELECT sortkey FROM t"));
        assertEquals("SELECT LOCALTIMESTAMP, LOCALTIMESTAMP, 'GETDATE()'",
                RedshiftDialect.toPostgres("SELECT GETDATE(), sysdate, 'GETDATE()'"));
    }

    @Test
    void unsupportedStatementsAreNamed() {
        assertEquals("UNLOAD is not supported by devstack's Redshift Data API emulation",
                RedshiftDialect.unsupported("-- export\n unload ('select 1') to 's3://b/'").orElseThrow());
        assertTrue(RedshiftDialect.unsupported("create external table s.t (x int)").orElseThrow().startsWith("CREATE EXTERNAL"));
        assertFalse(RedshiftDialect.unsupported("CREATE TABLE unload (x int)").isPresent());
        assertTrue(RedshiftDialect.isCopy("/* load */ COPY t FROM 's3://b/k'"));
    }

    @Test
    void physicalDesignMaintenanceIsANoOp() {
        assertTrue(RedshiftDialect.isNoOp("VACUUM DELETE ONLY payments TO 100 PERCENT"));
        assertTrue(RedshiftDialect.isNoOp("alter table public.payments alter sortkey (occurred_at)"));
        assertTrue(RedshiftDialect.isNoOp("ALTER TABLE t ALTER DISTSTYLE ALL"));
        assertFalse(RedshiftDialect.isNoOp("ALTER TABLE t ADD COLUMN vacuum int"));
        assertFalse(RedshiftDialect.isNoOp("SELECT 'VACUUM'"));
    }
}
