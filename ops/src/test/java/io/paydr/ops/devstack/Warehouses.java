package io.paydr.ops.devstack;

import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test set-up through the Data API: the tables of docs/interfaces.md reconcile reads, in a schema of its own. */
final class Warehouses {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private Warehouses() {
    }

    /** Creates a fresh schema holding the two V1 tables, so every test starts from empty warehouses. */
    static String createSchema(RedshiftDataClient client, String schema) {
        run(client, List.of("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".payments (transaction_id VARCHAR(64) NOT NULL, merchant_id VARCHAR(64) NOT NULL,"
                        + " amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL, status VARCHAR(16) NOT NULL,"
                        + " occurred_at TIMESTAMP NOT NULL, source_region VARCHAR(32) NOT NULL)"
                        + " DISTKEY(transaction_id) SORTKEY(occurred_at)",
                "CREATE TABLE " + schema + ".payments_ingest_ledger (payload_key VARCHAR(1024) NOT NULL,"
                        + " batch_id VARCHAR(128) NOT NULL, payload_sha256 CHAR(64) NOT NULL, row_count BIGINT NOT NULL,"
                        + " message_id VARCHAR(128), loaded_at TIMESTAMP NOT NULL) DISTSTYLE ALL SORTKEY(payload_key)",
                // V2's conflicts table (the ingest function's migration): every losing version and its carrier
                "CREATE TABLE " + schema + ".payments_conflicts (transaction_id VARCHAR(64) NOT NULL,"
                        + " merchant_id VARCHAR(64) NOT NULL, amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL,"
                        + " status VARCHAR(16) NOT NULL, occurred_at TIMESTAMP NOT NULL, source_region VARCHAR(32)"
                        + " NOT NULL, row_sha256 CHAR(64) NOT NULL, payload_sha256 CHAR(64), recorded_at TIMESTAMP"
                        + " NOT NULL) DISTKEY(transaction_id) SORTKEY(occurred_at)"));
        return schema;
    }

    static String uniqueSchema(String stem) {
        return stem + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /** Inserts payments: {@code id, amount, occurred_at ('2026-11-25 16:05:00')}. */
    static void payments(RedshiftDataClient client, String schema, String... idAmountTime) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + schema + ".payments VALUES ");
        for (int i = 0; i < idAmountTime.length; i += 3) {
            sql.append(i == 0 ? "" : ", ").append("('").append(idAmountTime[i]).append("', 'm-1', ")
                    .append(idAmountTime[i + 1]).append(", 'EUR', 'CAPTURED', '").append(idAmountTime[i + 2])
                    .append("', 'us-east-1')");
        }
        run(client, List.of(sql.toString()));
    }

    /** A losing version kept in the conflicts table: id, amount, occurred_at, the payload that carried it. */
    static void conflicts(RedshiftDataClient client, String schema, String id, String amount, String occurredAt,
                          String carrier) {
        run(client, List.of("INSERT INTO " + schema + ".payments_conflicts VALUES ('" + id + "', 'm-1', " + amount
                + ", 'EUR', 'CAPTURED', '" + occurredAt + "', 'us-east-1', '" + "0".repeat(64) + "', '" + carrier
                + "', '2026-11-25 19:00:00')"));
    }

    static void ledger(RedshiftDataClient client, String schema, String... keys) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + schema + ".payments_ingest_ledger VALUES ");
        for (int i = 0; i < keys.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("('").append(keys[i]).append("', 'b").append(i).append("', '")
                    .append("0".repeat(64)).append("', 1, NULL, '2026-11-25 19:00:00')");
        }
        run(client, List.of(sql.toString()));
    }

    static void execute(RedshiftDataClient client, String sql) {
        run(client, List.of(sql));
    }

    private static void run(RedshiftDataClient client, List<String> sqls) {
        String id = sqls.size() == 1
                ? client.executeStatement(b -> b.workgroupName("test").database("payments").sql(sqls.get(0))).id()
                : client.batchExecuteStatement(b -> b.workgroupName("test").database("payments").sqls(sqls)).id();
        for (int polls = 0; polls < 600; polls++) {
            DescribeStatementResponse d = client.describeStatement(b -> b.id(id));
            if (d.status() == StatusString.FINISHED) {
                return;
            }
            if (d.status() == StatusString.FAILED || d.status() == StatusString.ABORTED) {
                throw new IllegalStateException("set-up statement failed: " + d.error());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("set-up statement did not finish");
    }
}
