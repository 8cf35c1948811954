package io.paydr.ingest.load;

import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.StatementResult;
import java.util.List;

/**
 * The statements of one load, to run as one transaction, and which of them insert into target tables (their
 * result rows are the rows actually inserted) and into the ledger.
 */
public record LoadTransaction(List<String> statements, List<Integer> targetInserts, List<Integer> ledgerInserts) {
    public LoadTransaction {
        statements = List.copyOf(statements);
        targetInserts = List.copyOf(targetInserts);
        ledgerInserts = List.copyOf(ledgerInserts);
    }

    /** Whether the Data API can run it as one BatchExecuteStatement. */
    public boolean fitsOneBatch() {
        return statements.size() <= DataApiExecutor.MAX_BATCH_STATEMENTS;
    }

    /** Rows inserted into target tables, from the finished batch's per-statement result rows. */
    public long rowsInserted(StatementResult result) {
        return targetInserts.stream().mapToLong(result::rows).sum();
    }

    /** Ledger rows written (payloads newly recorded), from the finished batch's per-statement result rows. */
    public long ledgerRowsInserted(StatementResult result) {
        return ledgerInserts.stream().mapToLong(result::rows).sum();
    }
}
