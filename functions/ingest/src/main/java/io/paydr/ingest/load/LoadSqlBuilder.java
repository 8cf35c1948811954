package io.paydr.ingest.load;

import io.paydr.contract.PaymentTransaction;
import io.paydr.aws.TableName;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the SQL of one exactly-once load. The statements are idempotent on their own, so a redelivered message
 * or a payload loaded concurrently by another invocation can never insert a transaction twice:
 * <ol>
 *   <li>LOCK every target table and the ledger, in name order (serialises concurrent loaders without deadlock);</li>
 *   <li>per target table: a temporary stage LIKE the target, filled by COPY and/or multi-row INSERT;</li>
 *   <li>per target table: insert the first row of each transaction_id in the stage whose transaction_id the target
 *       does not hold yet, then drop the stage;</li>
 *   <li>ledger rows for payload keys not in the ledger yet.</li>
 * </ol>
 * Table names come from configuration only; record values enter the SQL as escaped literals ({@link SqlLiteral}).
 */
public final class LoadSqlBuilder {
    static final String COLUMNS = "transaction_id, merchant_id, amount_minor, currency, status, occurred_at, source_region";
    private static final String LEDGER_COLUMNS = "payload_key, batch_id, payload_sha256, row_count, message_id, loaded_at";
    private static final DateTimeFormatter ROW_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final TableName ledgerTable;
    private final String copyRole;
    private final int statementBudgetBytes;

    /**
     * @param copyRole {@code default} (the warehouse's default IAM role) or an IAM role ARN, validated by the
     *                 configuration
     */
    public LoadSqlBuilder(TableName ledgerTable, String copyRole) {
        this(ledgerTable, copyRole, StatementPacker.DEFAULT_BUDGET_BYTES);
    }

    LoadSqlBuilder(TableName ledgerTable, String copyRole, int statementBudgetBytes) {
        this.ledgerTable = ledgerTable;
        this.copyRole = copyRole;
        this.statementBudgetBytes = statementBudgetBytes;
    }

    public LoadTransaction build(List<LoadUnit> units, Instant loadedAt) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("nothing to load");
        }
        requireDistinctPayloadKeys(units);
        List<String> statements = new ArrayList<>();
        List<Integer> targetInserts = new ArrayList<>();
        statements.add(lock(units));
        int stageNumber = 0;
        for (Map.Entry<TableName, List<LoadUnit>> table : byTable(units).entrySet()) {
            String stage = "paydr_stage_" + stageNumber++;
            statements.add("CREATE TEMP TABLE " + stage + " (LIKE " + table.getKey().qualified() + ")");
            table.getValue().forEach(unit -> unit.copies().forEach(copy -> statements.add(copy(stage, copy))));
            statements.addAll(insertRows(stage, table.getValue()));
            targetInserts.add(statements.size());
            statements.add(insertNewTransactions(stage, table.getKey()));
            statements.add("DROP TABLE " + stage);
        }
        int firstLedgerInsert = statements.size();
        statements.addAll(insertLedger(units, loadedAt));
        List<Integer> ledgerInserts = new ArrayList<>();
        for (int i = firstLedgerInsert; i < statements.size(); i++) {
            ledgerInserts.add(i);
        }
        return new LoadTransaction(statements, targetInserts, ledgerInserts);
    }

    /** The query that finds which of the given payload keys the ledger already holds (named parameters). */
    public String ledgerLookup(int keyCount) {
        StringBuilder sql = new StringBuilder("SELECT payload_key FROM ").append(ledgerTable.qualified())
                .append(" WHERE payload_key IN (");
        for (int i = 0; i < keyCount; i++) {
            sql.append(i == 0 ? "" : ", ").append(":k").append(i);
        }
        return sql.append(")").toString();
    }

    private String lock(List<LoadUnit> units) {
        Set<String> tables = new TreeSet<>();
        units.forEach(unit -> tables.add(unit.table().qualified()));
        tables.add(ledgerTable.qualified());
        return "LOCK " + String.join(", ", tables);
    }

    private static Map<TableName, List<LoadUnit>> byTable(List<LoadUnit> units) {
        Map<TableName, List<LoadUnit>> byTable = new LinkedHashMap<>();
        units.stream().sorted(Comparator.comparing(unit -> unit.table().qualified()))
                .forEach(unit -> byTable.computeIfAbsent(unit.table(), t -> new ArrayList<>()).add(unit));
        return byTable;
    }

    private String copy(String stage, CopyCommand copy) {
        StringBuilder sql = new StringBuilder("COPY ").append(stage).append(" FROM ")
                .append(SqlLiteral.string(copy.s3Url()))
                .append(" IAM_ROLE ").append(copyRole.equals("default") ? "default" : SqlLiteral.string(copyRole))
                .append(" FORMAT AS JSON 'auto' TIMEFORMAT 'auto'");
        if (copy.gzip()) {
            sql.append(" GZIP");
        }
        if (copy.manifest()) {
            sql.append(" MANIFEST");
        }
        copy.region().ifPresent(region -> sql.append(" REGION ").append(SqlLiteral.string(region)));
        return sql.toString();
    }

    /** Rows of all units of one table, packed into as few INSERT statements as the size limit allows. */
    private List<String> insertRows(String stage, List<LoadUnit> units) {
        StatementPacker packer = new StatementPacker("INSERT INTO " + stage + " (" + COLUMNS + ") VALUES ", ", ", "",
                statementBudgetBytes);
        units.forEach(unit -> unit.rows().forEach(row -> packer.add(tuple(row))));
        return packer.statements();
    }

    static String tuple(PaymentTransaction row) {
        return "(" + SqlLiteral.string(row.transactionId())
                + ", " + SqlLiteral.string(row.merchantId())
                + ", " + SqlLiteral.bigint(row.amountMinor())
                + ", " + SqlLiteral.string(row.currency())
                + ", " + SqlLiteral.string(row.status().name())
                + ", " + SqlLiteral.string(ROW_TIMESTAMP.format(row.occurredAt()))
                + ", " + SqlLiteral.string(row.sourceRegion()) + ")";
    }

    private static String insertNewTransactions(String stage, TableName target) {
        return "INSERT INTO " + target.qualified() + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM (SELECT "
                + COLUMNS + ", ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY occurred_at, merchant_id,"
                + " amount_minor, currency, status, source_region) AS paydr_rn FROM " + stage + ") s"
                + " WHERE s.paydr_rn = 1 AND NOT EXISTS (SELECT 1 FROM " + target.qualified()
                + " t WHERE t.transaction_id = s.transaction_id)";
    }

    private List<String> insertLedger(List<LoadUnit> units, Instant loadedAt) {
        String table = ledgerTable.qualified();
        StatementPacker packer = new StatementPacker("INSERT INTO " + table + " (" + LEDGER_COLUMNS + ") SELECT "
                + LEDGER_COLUMNS + " FROM (", " UNION ALL ", ") v WHERE NOT EXISTS (SELECT 1 FROM " + table
                + " l WHERE l.payload_key = v.payload_key)", statementBudgetBytes);
        String loadedAtLiteral = SqlLiteral.timestamp(loadedAt);
        units.forEach(unit -> unit.ledger().forEach(entry -> packer.add("SELECT "
                + SqlLiteral.string(entry.payloadKey()) + " AS payload_key, "
                + SqlLiteral.string(entry.batchId()) + " AS batch_id, "
                + SqlLiteral.string(entry.payloadSha256()) + " AS payload_sha256, "
                + "CAST(" + SqlLiteral.bigint(entry.rowCount()) + " AS BIGINT) AS row_count, "
                + "CAST(" + SqlLiteral.nullableString(entry.messageId()) + " AS VARCHAR(128)) AS message_id, "
                + loadedAtLiteral + " AS loaded_at")));
        return packer.statements();
    }

    private static void requireDistinctPayloadKeys(List<LoadUnit> units) {
        Set<String> keys = new HashSet<>();
        units.forEach(unit -> unit.ledger().forEach(entry -> {
            if (!keys.add(entry.payloadKey())) {
                throw new IllegalArgumentException("payload " + entry.payloadKey() + " appears twice in one load");
            }
        }));
    }
}
