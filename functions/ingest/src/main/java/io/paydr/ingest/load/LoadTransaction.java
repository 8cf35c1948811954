package io.paydr.ingest.load;

import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.StatementResult;
import java.util.List;
import java.util.Map;

/**
 * The statements of one load, to run as one transaction; the COPY manifests they read (S3 key to JSON, written
 * before the transaction is submitted); which statements insert into target tables (their result rows are the rows
 * that became current) and into conflicts tables (versions newly kept as losers); and which statement selects the
 * ledger rows already recorded for the load's identities and keys (read after the commit by its sub-statement id).
 */
public record LoadTransaction(List<String> statements, Map<String, String> manifests, List<Integer> targetInserts,
                              List<Integer> conflictInserts, int knownLedgerRows) {
    public LoadTransaction {
        statements = List.copyOf(statements);
        manifests = Map.copyOf(manifests);
        targetInserts = List.copyOf(targetInserts);
        conflictInserts = List.copyOf(conflictInserts);
    }

    /** Whether the Data API can run it as one BatchExecuteStatement. */
    public boolean fitsOneBatch() {
        return statements.size() <= DataApiExecutor.MAX_BATCH_STATEMENTS;
    }

    /** Rows that became current in target tables, from the finished batch's per-statement result rows. */
    public long rowsInserted(StatementResult result) {
        return targetInserts.stream().mapToLong(result::rows).sum();
    }

    /** The sub-statement id of the ledger SELECT in the finished batch (sub-statements count from 1). */
    public String knownLedgerRowsId(StatementResult result) {
        return result.statementId() + ":" + (knownLedgerRows + 1);
    }

    /** Versions newly recorded in conflicts tables. */
    public long conflictsRecorded(StatementResult result) {
        return conflictInserts.stream().mapToLong(result::rows).sum();
    }
}
