package io.paydr.ingest.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.contract.PaymentTransaction;
import io.paydr.aws.TableName;
import io.paydr.contract.RecordDigest;
import io.paydr.contract.RecordDigestSql;
import io.paydr.contract.RowsDigest;
import io.paydr.contract.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the SQL of one exactly-once, order-independent load (docs/architecture.md, "Identity and convergence").
 * Per target table, in one transaction:
 * <ol>
 *   <li>stage the verified rows: one COPY through a manifest naming the function's own staged objects (exact
 *       objects, every entry mandatory), plus multi-row INSERTs of small payloads' rows;</li>
 *   <li>prove the stage holds exactly the verified rows: per payload the row count, every row's row_sha256
 *       recomputed from its columns, and the {@link RowsDigest} of those in line order must be the one the function
 *       computed while verifying (else a NOT NULL violation on {@value #CHECK_COLUMN} aborts the transaction);</li>
 *   <li>settle versions: a record is its transaction_id; among the staged versions and the target's current one,
 *       the greatest (occurred_at, row_sha256) wins; every losing version goes to the conflicts table, with the
 *       smallest identity of the payloads that carried it; current rows displaced by a winner move there too;</li>
 *   <li>one ledger row per payload identity not yet in the ledger.</li>
 * </ol>
 * The ledger check is part of the same transaction: before anything is written, a SELECT reads the ledger rows of
 * the load's identities and keys (read by sub-statement id after the commit, and only when it found any). The load
 * is idempotent, so a payload loaded before merges again as a no-op; the SELECT tells the caller it was already
 * loaded, and which keys were reused with other content.
 * Whatever the order and batching in which payloads arrive, the target and conflicts tables end the same: the
 * statements are idempotent and the rule picks a winner from the set of versions, not from their history.
 * Table names come from configuration only; record values enter the SQL as escaped literals ({@link SqlLiteral}).
 * Temporary tables vanish with the Data API session that runs the batch.
 */
public final class LoadSqlBuilder {
    static final String COLUMNS = "transaction_id, merchant_id, amount_minor, currency, status, occurred_at, source_region";
    /** The NOT NULL column whose violation means the staged rows are not the verified ones. */
    public static final String CHECK_COLUMN = "staged_rows_match_verified_payloads";
    static final String MANIFEST_PREFIX = "manifests/";
    private static final String PAYLOADS = "paydr_payloads";
    private static final String CHECK = "paydr_check";
    private static final String KEYS = "paydr_other_keys";
    private static final String STAGE_DDL = "transaction_id VARCHAR(64), merchant_id VARCHAR(64), amount_minor BIGINT,"
            + " currency CHAR(3), status VARCHAR(16), occurred_at TIMESTAMP, source_region VARCHAR(32),"
            + " payload_sha256 CHAR(64), line_no BIGINT, row_sha256 CHAR(64)";
    private static final String PAYLOAD_COLUMNS =
            "payload_sha256, payload_key, bucket, batch_id, row_count, message_id, rows_digest, target_table";
    private static final DateTimeFormatter ROW_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableName ledgerTable;
    private final String copyRole;
    private final String stagingBucket;
    private final int statementBudgetBytes;

    /**
     * @param copyRole      {@code default} (the warehouse's default IAM role) or an IAM role ARN, validated by the
     *                      configuration
     * @param stagingBucket this Region's bucket of staged objects and manifests
     */
    public LoadSqlBuilder(TableName ledgerTable, String copyRole, String stagingBucket) {
        this(ledgerTable, copyRole, stagingBucket, StatementPacker.DEFAULT_BUDGET_BYTES);
    }

    LoadSqlBuilder(TableName ledgerTable, String copyRole, String stagingBucket, int statementBudgetBytes) {
        this.ledgerTable = ledgerTable;
        this.copyRole = copyRole;
        this.stagingBucket = stagingBucket;
        this.statementBudgetBytes = statementBudgetBytes;
    }

    public LoadTransaction build(List<LoadUnit> units, Instant loadedAt) {
        return build(units, Set.of(), loadedAt);
    }

    /**
     * @param otherKeys keys under which the units' payloads also arrived (besides each unit's ledger key): the
     *                  ledger rows recorded under them are reported too, to warn of a key reused with other content
     */
    public LoadTransaction build(List<LoadUnit> units, Collection<String> otherKeys, Instant loadedAt) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("nothing to load");
        }
        requireDistinctIdentities(units);
        String now = SqlLiteral.timestamp(loadedAt);
        List<String> statements = new ArrayList<>();
        Map<String, String> manifests = new LinkedHashMap<>();
        List<Integer> targetInserts = new ArrayList<>();
        List<Integer> conflictInserts = new ArrayList<>();
        statements.add(lock(units));
        statements.add("CREATE TEMP TABLE " + PAYLOADS + " (payload_sha256 CHAR(64), payload_key VARCHAR(1024),"
                + " bucket VARCHAR(63), batch_id VARCHAR(128), row_count BIGINT, message_id VARCHAR(128),"
                + " rows_digest CHAR(64), target_table VARCHAR(255))");
        Map<String, List<String>> rowHashes = rowHashes(units);
        statements.addAll(payloadRows(units, rowHashes));
        Set<String> extraKeys = new TreeSet<>(otherKeys);
        units.forEach(unit -> extraKeys.remove(unit.ledger().payloadKey()));
        if (!extraKeys.isEmpty()) {
            statements.add("CREATE TEMP TABLE " + KEYS + " (payload_key VARCHAR(1024))");
            StatementPacker packer = new StatementPacker("INSERT INTO " + KEYS + " (payload_key) VALUES ", ", ", "",
                    statementBudgetBytes);
            extraKeys.forEach(key -> packer.add("(" + SqlLiteral.string(key) + ")"));
            statements.addAll(packer.statements());
        }
        int knownLedgerRows = statements.size();
        statements.add(knownLedgerRows(!extraKeys.isEmpty()));
        statements.add("CREATE TEMP TABLE " + CHECK + " (" + CHECK_COLUMN + " BOOLEAN NOT NULL)");
        int n = 0;
        for (Map.Entry<TableName, List<LoadUnit>> entry : byTable(units).entrySet()) {
            TableName target = entry.getKey();
            String stage = "paydr_stage_" + n;
            String versions = "paydr_versions_" + n;
            String current = "paydr_current_" + n;
            String ranked = "paydr_ranked_" + n;
            String displaced = "paydr_displaced_" + n++;
            statements.add("CREATE TEMP TABLE " + stage + " (" + STAGE_DDL + ")");
            List<StagedObject> staged = entry.getValue().stream().flatMap(u -> u.staged().stream()).toList();
            if (!staged.isEmpty()) {
                String json = manifest(staged);
                String key = MANIFEST_PREFIX + Sha256.hexOf(json.getBytes(StandardCharsets.UTF_8)) + ".json";
                manifests.put(key, json);
                statements.add(copy(stage, "s3://" + stagingBucket + "/" + key));
            }
            statements.addAll(insertRows(stage, entry.getValue(), rowHashes));
            statements.add(check(stage, target));
            statements.add(versions(stage, versions));
            // the target's current rows for the staged ids, read once: every later statement joins this small
            // table instead of scanning the target again (on Redshift, as on devstack, each scan costs the whole
            // table's transaction_id column, and the target only grows)
            statements.add("CREATE TEMP TABLE " + current + " DISTKEY(transaction_id) AS SELECT " + prefixed("t")
                    + ", t.row_sha256, t.payload_sha256 FROM " + target.qualified() + " t WHERE t.transaction_id IN"
                    + " (SELECT transaction_id FROM " + versions + ")");
            statements.add(ranked(current, versions, ranked));
            statements.add("CREATE TEMP TABLE " + displaced + " DISTKEY(transaction_id) AS SELECT " + prefixed("r")
                    + ", r.row_sha256, r.payload_sha256 FROM " + ranked + " r WHERE r.paydr_current = 1"
                    + " AND r.paydr_rank > 1");
            conflictInserts.add(statements.size());
            statements.add(displacedIntoConflicts(target, displaced, now));
            statements.add(lowerConflictCarriers(target, versions));
            conflictInserts.add(statements.size());
            statements.add(losersIntoConflicts(target, ranked, now));
            // the displaced rows by their own small table: joining the versions to the whole target again would cost
            // a scan of the target where the (usually empty) displaced set needs none
            statements.add("DELETE FROM " + target.qualified() + " USING " + displaced + " d WHERE "
                    + target.table() + ".transaction_id = d.transaction_id AND " + target.table()
                    + ".row_sha256 = d.row_sha256");
            statements.add(lowerTargetCarriers(target, versions, current));
            targetInserts.add(statements.size());
            // a winner is new unless it is the current row itself (a displaced current row is gone by now)
            statements.add("INSERT INTO " + target.qualified() + " (" + COLUMNS + ", row_sha256, payload_sha256)"
                    + " SELECT " + prefixed("r") + ", r.row_sha256, r.payload_sha256 FROM " + ranked + " r"
                    + " WHERE r.paydr_current = 0 AND r.paydr_rank = 1 AND NOT EXISTS (SELECT 1 FROM " + current
                    + " c WHERE c.transaction_id = r.transaction_id AND c.row_sha256 = r.row_sha256)");
        }
        statements.add("INSERT INTO " + ledgerTable.qualified() + " (payload_sha256, payload_key, bucket, batch_id,"
                + " row_count, message_id, loaded_at) SELECT p.payload_sha256, p.payload_key, p.bucket, p.batch_id,"
                + " p.row_count, p.message_id, " + now + " FROM " + PAYLOADS + " p WHERE NOT EXISTS (SELECT 1 FROM "
                + ledgerTable.qualified() + " l WHERE l.payload_sha256 = p.payload_sha256)");
        return new LoadTransaction(statements, manifests, targetInserts, conflictInserts, knownLedgerRows);
    }

    /**
     * The ledger rows already recorded for this load's payloads, by identity or by key, read under the LOCK and
     * before this transaction writes any: an identity found was loaded before (the merge leaves everything as it
     * is, the ledger insert skips it), and a key found with another identity was reused with other content.
     */
    private String knownLedgerRows(boolean withOtherKeys) {
        return "SELECT l.payload_sha256, l.payload_key, l.bucket FROM " + ledgerTable.qualified() + " l"
                + " WHERE l.payload_sha256 IN (SELECT payload_sha256 FROM " + PAYLOADS + ")"
                + " OR l.payload_key IN (SELECT payload_key FROM " + PAYLOADS + ")"
                + (withOtherKeys ? " OR l.payload_key IN (SELECT payload_key FROM " + KEYS + ")" : "");
    }

    private String lock(List<LoadUnit> units) {
        Set<String> tables = new TreeSet<>();
        units.forEach(unit -> {
            tables.add(unit.table().qualified());
            tables.add(unit.table().conflicts().qualified());
        });
        tables.add(ledgerTable.qualified());
        return "LOCK " + String.join(", ", tables);
    }

    private static Map<TableName, List<LoadUnit>> byTable(List<LoadUnit> units) {
        Map<TableName, List<LoadUnit>> byTable = new LinkedHashMap<>();
        units.stream().sorted(Comparator.comparing(unit -> unit.table().qualified()))
                .forEach(unit -> byTable.computeIfAbsent(unit.table(), t -> new ArrayList<>()).add(unit));
        return byTable;
    }

    /** The row_sha256 of every row of the units that carry their rows (staged objects carry theirs). */
    private static Map<String, List<String>> rowHashes(List<LoadUnit> units) {
        RecordDigest digest = new RecordDigest();
        Map<String, List<String>> hashes = new LinkedHashMap<>();
        units.stream().filter(unit -> !unit.rows().isEmpty()).forEach(unit -> hashes.put(unit.identity(),
                unit.rows().stream().map(digest::rowSha256).toList()));
        return hashes;
    }

    private static String rowsDigest(LoadUnit unit, Map<String, List<String>> rowHashes) {
        if (unit.staged().isPresent()) {
            return unit.staged().get().rowsDigest();
        }
        RowsDigest digest = new RowsDigest();
        rowHashes.get(unit.identity()).forEach(digest::add);
        return digest.finish();
    }

    private List<String> payloadRows(List<LoadUnit> units, Map<String, List<String>> rowHashes) {
        StatementPacker packer = new StatementPacker("INSERT INTO " + PAYLOADS + " (" + PAYLOAD_COLUMNS + ") VALUES ",
                ", ", "", statementBudgetBytes);
        for (LoadUnit unit : units) {
            LedgerEntry e = unit.ledger();
            packer.add("(" + SqlLiteral.string(e.payloadSha256()) + ", " + SqlLiteral.string(e.payloadKey()) + ", "
                    + SqlLiteral.nullableString(e.bucket()) + ", " + SqlLiteral.string(e.batchId()) + ", "
                    + SqlLiteral.bigint(e.rowCount()) + ", " + SqlLiteral.nullableString(e.messageId()) + ", "
                    + SqlLiteral.string(rowsDigest(unit, rowHashes)) + ", "
                    + SqlLiteral.string(unit.table().qualified()) + ")");
        }
        return packer.statements();
    }

    /** The COPY manifest: the staged objects by exact URL, every entry mandatory (a missing one fails the COPY). */
    static String manifest(List<StagedObject> staged) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode entries = root.putArray("entries");
        staged.forEach(s -> entries.addObject().put("url", s.s3Url()).put("mandatory", true));
        return root.toString();
    }

    private String copy(String stage, String manifestUrl) {
        return "COPY " + stage + " FROM " + SqlLiteral.string(manifestUrl)
                + " IAM_ROLE " + (copyRole.equals("default") ? "default" : SqlLiteral.string(copyRole))
                + " FORMAT AS JSON 'auto' TIMEFORMAT 'auto' MANIFEST";
    }

    /**
     * Rows of all small payloads of one table, packed into as few INSERT statements as the size limit allows, with
     * their line numbers and row_sha256 like staged rows, so one proof covers both paths (here it proves that the
     * literals say what the function verified).
     */
    private List<String> insertRows(String stage, List<LoadUnit> units, Map<String, List<String>> rowHashes) {
        StatementPacker packer = new StatementPacker("INSERT INTO " + stage + " (" + COLUMNS
                + ", payload_sha256, line_no, row_sha256) VALUES ", ", ", "", statementBudgetBytes);
        for (LoadUnit unit : units) {
            String identity = SqlLiteral.string(unit.identity());
            List<String> hashes = rowHashes.getOrDefault(unit.identity(), List.of());
            for (int line = 0; line < unit.rows().size(); line++) {
                packer.add(tuple(unit.rows().get(line), identity + ", " + line + ", "
                        + SqlLiteral.string(hashes.get(line))));
            }
        }
        return packer.statements();
    }

    /** @param trailer the literals after the seven record columns, already rendered */
    static String tuple(PaymentTransaction row, String trailer) {
        return "(" + SqlLiteral.string(row.transactionId())
                + ", " + SqlLiteral.string(row.merchantId())
                + ", " + SqlLiteral.bigint(row.amountMinor())
                + ", " + SqlLiteral.string(row.currency())
                + ", " + SqlLiteral.string(row.status().name())
                + ", " + SqlLiteral.string(ROW_TIMESTAMP.format(row.occurredAt()))
                + ", " + SqlLiteral.string(row.sourceRegion())
                + ", " + trailer + ")";
    }

    /**
     * Fails the transaction unless, for every payload of this table, the stage holds exactly its row count, every
     * row's row_sha256 is its columns' own (recomputed here), and the {@link RowsDigest} of those row_sha256 in line
     * order is the one the function computed while verifying. Rows of no known payload fail it too.
     */
    private static String check(String stage, TableName target) {
        return "INSERT INTO " + CHECK + " (" + CHECK_COLUMN + ") SELECT CASE WHEN COUNT(*) = 0 THEN TRUE END FROM ("
                + "SELECT e.payload_sha256 FROM (SELECT payload_sha256, row_count, rows_digest FROM " + PAYLOADS
                + " WHERE target_table = " + SqlLiteral.string(target.qualified()) + ") e FULL OUTER JOIN ("
                + RecordDigestSql.rowsDigest(stage, "payload_sha256") + ") g ON g.payload_sha256 = e.payload_sha256"
                + " WHERE e.payload_sha256 IS NULL OR g.payload_sha256 IS NULL OR g.row_total <> e.row_count"
                + " OR g.mislabelled <> 0 OR g.rows_digest IS NULL OR g.rows_digest <> e.rows_digest) mismatches";
    }

    /**
     * The distinct versions in the stage, each with its row_sha256 (staged with the row, and proven its own by the
     * check before) and the smallest identity that carried it.
     */
    private static String versions(String stage, String versions) {
        return "CREATE TEMP TABLE " + versions + " DISTKEY(transaction_id) AS SELECT " + COLUMNS
                + ", row_sha256, MIN(payload_sha256) AS payload_sha256 FROM " + stage + " GROUP BY " + COLUMNS
                + ", row_sha256";
    }

    /**
     * Every version of each staged transaction_id, the staged ones and the target's current one, ranked: rank 1 is
     * the greatest (occurred_at, row_sha256) and wins. DENSE_RANK gives a staged copy of the current version the
     * current row's rank, so a version is never its own loser.
     */
    private static String ranked(String current, String versions, String ranked) {
        return "CREATE TEMP TABLE " + ranked + " DISTKEY(transaction_id) AS SELECT " + COLUMNS + ", row_sha256,"
                + " payload_sha256, paydr_current, DENSE_RANK() OVER (PARTITION BY transaction_id"
                + " ORDER BY occurred_at DESC, row_sha256 DESC) AS paydr_rank FROM ("
                + "SELECT " + COLUMNS + ", row_sha256, payload_sha256, 0 AS paydr_current FROM " + versions
                + " UNION ALL SELECT " + COLUMNS + ", row_sha256, payload_sha256, 1 AS paydr_current FROM " + current
                + ") u";
    }

    /** Current rows that lose to a staged version: kept as conflicts (with their carrier) before they go. */
    private static String displacedIntoConflicts(TableName target, String displaced, String now) {
        TableName conflicts = target.conflicts();
        return "INSERT INTO " + conflicts.qualified() + " (" + COLUMNS + ", row_sha256, payload_sha256, recorded_at)"
                + " SELECT " + prefixed("d") + ", d.row_sha256, d.payload_sha256, " + now + " FROM " + displaced + " d"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + conflicts.qualified()
                + " c WHERE c.transaction_id = d.transaction_id AND c.row_sha256 = d.row_sha256)";
    }

    private static String lowerConflictCarriers(TableName target, String versions) {
        return lowerCarriers(target.conflicts().qualified(), target.conflicts().table(), versions);
    }

    /** Staged versions that lose: kept as conflicts unless that version is kept already. */
    private static String losersIntoConflicts(TableName target, String ranked, String now) {
        TableName conflicts = target.conflicts();
        return "INSERT INTO " + conflicts.qualified() + " (" + COLUMNS + ", row_sha256, payload_sha256, recorded_at)"
                + " SELECT " + prefixed("r") + ", r.row_sha256, r.payload_sha256, " + now + " FROM " + ranked
                + " r WHERE r.paydr_current = 0 AND r.paydr_rank > 1 AND NOT EXISTS (SELECT 1 FROM "
                + conflicts.qualified() + " c WHERE c.transaction_id = r.transaction_id AND c.row_sha256 = r.row_sha256)";
    }

    /**
     * A version's carrier is the smallest identity of the payloads that carried it, whenever they arrived: an
     * identical version staged again with a smaller identity lowers it (in the target or the conflicts table).
     */
    private static String lowerCarriers(String qualified, String table, String versions) {
        return "UPDATE " + qualified + " SET payload_sha256 = v.payload_sha256 FROM " + versions + " v WHERE "
                + table + ".transaction_id = v.transaction_id AND " + table + ".row_sha256 = v.row_sha256 AND ("
                + table + ".payload_sha256 IS NULL OR v.payload_sha256 < " + table + ".payload_sha256)";
    }

    /**
     * {@link #lowerCarriers} for the target, narrowed first to the current rows a staged version would lower (usually
     * none), so the UPDATE touches the target only where it changes it.
     */
    private static String lowerTargetCarriers(TableName target, String versions, String current) {
        String table = target.table();
        return "UPDATE " + target.qualified() + " SET payload_sha256 = l.payload_sha256 FROM (SELECT v.transaction_id,"
                + " v.row_sha256, v.payload_sha256 FROM " + current + " c JOIN " + versions + " v ON v.transaction_id"
                + " = c.transaction_id AND v.row_sha256 = c.row_sha256 WHERE c.payload_sha256 IS NULL"
                + " OR v.payload_sha256 < c.payload_sha256) l WHERE " + table + ".transaction_id = l.transaction_id"
                + " AND " + table + ".row_sha256 = l.row_sha256";
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static void requireDistinctIdentities(List<LoadUnit> units) {
        Set<String> identities = new HashSet<>();
        units.forEach(unit -> {
            if (!identities.add(unit.identity())) {
                throw new IllegalArgumentException("payload " + unit.identity() + " appears twice in one load");
            }
        });
    }
}
