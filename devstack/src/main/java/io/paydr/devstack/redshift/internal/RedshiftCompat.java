package io.paydr.devstack.redshift.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Database objects that make PostgreSQL answer like Redshift where the difference would change what a
 * client reads. Installed once per database; sessions put {@code public} ahead of {@code pg_catalog} so
 * these win over the built-ins of the same name.
 */
final class RedshiftCompat {

    /** Lets a session see the compatibility objects before PostgreSQL's built-ins. */
    static final String SEARCH_PATH = "SET search_path = \"$user\", public, pg_catalog";

    private static final String[] OBJECTS = {
        // Redshift's SUM(BIGINT) returns BIGINT (a longValue in the Data API); PostgreSQL's returns NUMERIC
        "CREATE OR REPLACE AGGREGATE public.sum(bigint) (SFUNC = pg_catalog.int8pl, STYPE = bigint)",
        "CREATE OR REPLACE FUNCTION public.nvl(anyelement, anyelement) RETURNS anyelement "
                + "LANGUAGE sql IMMUTABLE AS 'SELECT COALESCE($1, $2)'",
        // Redshift's SHA2(string, bits): lowercase hex of the UTF-8 bytes' digest; 0 means 256; other lengths fail.
        "CREATE OR REPLACE FUNCTION public.paydr_sha2_invalid(integer) RETURNS text LANGUAGE plpgsql IMMUTABLE AS "
                + "$f$ BEGIN RAISE EXCEPTION 'Invalid bit length for SHA2: %. Valid values are 0, 224, 256, 384, 512', $1;"
                + " END $f$",
        // PL/pgSQL: a SQL function using its text argument in several branches is not inlined, and its calls
        // cost three times the digest itself (measured with the ingest load's 10k-row stage)
        "CREATE OR REPLACE FUNCTION public.sha2(text, integer) RETURNS text LANGUAGE plpgsql IMMUTABLE AS "
                + "$f$ BEGIN IF $2 = 256 OR $2 = 0 THEN RETURN encode(sha256(convert_to($1, 'UTF8')), 'hex');"
                + " ELSIF $2 = 224 THEN RETURN encode(sha224(convert_to($1, 'UTF8')), 'hex');"
                + " ELSIF $2 = 384 THEN RETURN encode(sha384(convert_to($1, 'UTF8')), 'hex');"
                + " ELSIF $2 = 512 THEN RETURN encode(sha512(convert_to($1, 'UTF8')), 'hex');"
                + " ELSE RETURN public.paydr_sha2_invalid($2); END IF; END $f$",
        // Redshift's LISTAGG returns VARCHAR(MAX) and fails beyond it (RedshiftDialect rewrites it to string_agg)
        "CREATE OR REPLACE FUNCTION public.paydr_listagg_limit(text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS "
                + "$f$ BEGIN IF octet_length($1) > 65535 THEN RAISE EXCEPTION"
                + " 'Invalid operation: Result size exceeds LISTAGG limit'; END IF; RETURN $1; END $f$",
        // Redshift's STRTOL(num_string, base): the BIGINT a string of digits in base 2..36 stands for; an invalid
        // digit or a value beyond BIGINT fails the statement as on Redshift
        "CREATE OR REPLACE FUNCTION public.strtol(text, integer) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT AS "
                + "$f$ DECLARE s text := lower(trim($1)); negative boolean := false; result numeric := 0; d integer;"
                + " BEGIN IF $2 < 2 OR $2 > 36 THEN RAISE EXCEPTION 'Invalid base for STRTOL: %', $2; END IF;"
                + " IF left(s, 1) IN ('-', '+') THEN negative := left(s, 1) = '-'; s := substr(s, 2); END IF;"
                + " IF $2 = 16 AND left(s, 2) = '0x' THEN s := substr(s, 3); END IF;"
                + " IF $2 = 16 AND s ~ '^[0-9a-f]{1,15}$' THEN result := ('x' || lpad(s, 16, '0'))::bit(64)::bigint;"
                + " RETURN CASE WHEN negative THEN -result ELSE result END; END IF;"
                + " IF s = '' THEN RAISE EXCEPTION 'Invalid digit in STRTOL input'; END IF;"
                + " FOR i IN 1..length(s) LOOP d := position(substr(s, i, 1) IN '0123456789abcdefghijklmnopqrstuvwxyz') - 1;"
                + " IF d < 0 OR d >= $2 THEN RAISE EXCEPTION 'Invalid digit in STRTOL input'; END IF;"
                + " result := result * $2 + d; END LOOP;"
                + " IF negative THEN result := -result; END IF; RETURN result::bigint; END $f$",
    };

    private RedshiftCompat() {
    }

    /**
     * Installs the objects over {@code c} (left open, autocommit off); serialised by an advisory lock so both
     * Regions' servers may share one database.
     */
    static void install(Connection c) {
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(hashtext('devstack-redshift-compat'))");
            for (String sql : OBJECTS) {
                st.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not install the Redshift compatibility objects: " + e.getMessage(), e);
        }
    }
}
