package io.paydr.ops.internal;

import io.paydr.aws.TableName;
import io.paydr.contract.RecordDigestSql;
import io.paydr.ops.TimeRange;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements reconcile runs. They aggregate in the warehouse and use only SQL that Redshift and devstack share:
 * TO_CHAR, POSITION, SUBSTRING, LIKE, CAST, SHA2 and STRTOL (the last two through devstack's compatibility functions). Values travel as named parameters; only checked
 * table names are placed in the text.
 */
public final class ReconcileSql {

    static final String HOUR_FORMAT = "YYYY-MM-DD HH24";
    private static final String IN_RANGE = " occurred_at >= CAST(:range_start AS TIMESTAMP) AND occurred_at <"
            + " CAST(:range_end AS TIMESTAMP)";
    /** Two sums of 60-bit slices of a hex SHA-256 column {@code digest}; DECIMAL(38) holds them for 2^66 rows. */
    private static final String DIGEST_SUMS = "SUM(CAST(STRTOL(SUBSTRING(digest, 1, 15), 16) AS DECIMAL(38, 0)))"
            + " AS digest_a, SUM(CAST(STRTOL(SUBSTRING(digest, 16, 15), 16) AS DECIMAL(38, 0))) AS digest_b";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private ReconcileSql() {
    }

    /** A statement and its named parameters. */
    public record Statement(String sql, Map<String, String> parameters) {
    }

    /**
     * Per UTC hour of occurred_at: hour label, row count, sum of amount_minor, and a digest of the whole rows: the
     * sums of two 60-bit slices of each row's SHA-256 (recomputed here from every column, {@link RecordDigestSql},
     * not read from a stored column), so two warehouses that differ in any column of any row differ in the digest.
     */
    public static Statement hourBuckets(TableName payments, TimeRange range) {
        String sql = "SELECT TO_CHAR(occurred_at, '" + HOUR_FORMAT + "') AS hour_utc, COUNT(*) AS row_count,"
                + " CAST(SUM(amount_minor) AS BIGINT) AS amount_sum, " + DIGEST_SUMS + " FROM (SELECT occurred_at,"
                + " amount_minor, " + RecordDigestSql.rowSha256("") + " AS digest FROM " + payments + " WHERE"
                + IN_RANGE + ") r GROUP BY 1 ORDER BY 1";
        return new Statement(sql, rangeParameters(range));
    }

    /** Every (transaction_id, row digest) of one slice of time (unordered: the diff works on maps). */
    public static Statement transactions(TableName payments, TimeRange slice) {
        String sql = "SELECT transaction_id, " + RecordDigestSql.rowSha256("") + " FROM " + payments + " WHERE"
                + IN_RANGE;
        return new Statement(sql, rangeParameters(slice));
    }

    /**
     * Per UTC hour of occurred_at, the conflicts table: hour label, versions kept, and the digest of those versions
     * with the payload that carried each (both Regions must keep the same losers, with the same carriers).
     */
    public static Statement conflictHours(TableName conflicts, TimeRange range) {
        String sql = "SELECT TO_CHAR(occurred_at, '" + HOUR_FORMAT + "') AS hour_utc, COUNT(*) AS versions, "
                + DIGEST_SUMS + " FROM (SELECT occurred_at, SHA2(" + RecordDigestSql.canonical("")
                + " || CHR(31) || COALESCE(payload_sha256, ''), 256) AS digest FROM " + conflicts + " WHERE"
                + IN_RANGE + ") c GROUP BY 1 ORDER BY 1";
        return new Statement(sql, rangeParameters(range));
    }

    /**
     * Per publish hour taken from the payload key ({@code .../dt=YYYY-MM-DD/hh=HH/...}): hour label and number of
     * ledger rows. Filters by day in SQL (ISO dates compare as text); the caller drops hours outside the range.
     */
    public static Statement ledgerHourBuckets(TableName ledger, TimeRange range) {
        String day = "SUBSTRING(payload_key, POSITION('/dt=' IN payload_key) + 4, 10)";
        String sql = "SELECT " + day + " || ' ' || SUBSTRING(payload_key, POSITION('/hh=' IN payload_key) + 4, 2)"
                + " AS hour_utc, COUNT(*) AS payloads FROM " + ledger
                + " WHERE payload_key LIKE '%/dt=%/hh=%' AND " + day + " BETWEEN :first_day AND :last_day"
                + " GROUP BY 1 ORDER BY 1";
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("first_day", LocalDateTime.ofInstant(range.from(), ZoneOffset.UTC).toLocalDate().toString());
        parameters.put("last_day", LocalDateTime.ofInstant(range.to().minusNanos(1), ZoneOffset.UTC).toLocalDate()
                .toString());
        return new Statement(sql, parameters);
    }

    /** Every payload key of one publish hour. */
    public static Statement ledgerKeys(TableName ledger, Instant hour) {
        LocalDateTime h = LocalDateTime.ofInstant(hour, ZoneOffset.UTC);
        String pattern = String.format("%%/dt=%s/hh=%02d/%%", h.toLocalDate(), h.getHour());
        return new Statement("SELECT payload_key FROM " + ledger + " WHERE payload_key LIKE :hour_pattern",
                Map.of("hour_pattern", pattern));
    }

    /** Parses an hour label rendered by the warehouse back to the start of that hour. */
    public static Instant parseHour(String label) {
        return LocalDateTime.parse(label.strip() + ":00", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                .toInstant(ZoneOffset.UTC);
    }

    static String timestamp(Instant t) {
        return TIMESTAMP.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    private static Map<String, String> rangeParameters(TimeRange range) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("range_start", timestamp(range.from()));
        p.put("range_end", timestamp(range.to()));
        return p;
    }
}
