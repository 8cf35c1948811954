package io.paydr.ingest.load;

import io.paydr.contract.PaymentTransaction;
import io.paydr.aws.TableName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One payload to load, which commits or fails as a whole: its table, its ledger row, and its verified rows either
 * in memory (small payloads: INSERT) or in a staged object (large payloads: COPY through a manifest).
 */
public record LoadUnit(TableName table, LedgerEntry ledger, List<PaymentTransaction> rows,
                       Optional<StagedObject> staged) {
    public LoadUnit {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(ledger, "ledger");
        rows = List.copyOf(rows);
        if (staged.isPresent() == !rows.isEmpty()) {
            throw new IllegalArgumentException("a load unit carries either its rows or a staged object");
        }
    }

    public static LoadUnit rows(TableName table, LedgerEntry ledger, List<PaymentTransaction> rows) {
        return new LoadUnit(table, ledger, rows, Optional.empty());
    }

    public static LoadUnit staged(TableName table, LedgerEntry ledger, StagedObject staged) {
        return new LoadUnit(table, ledger, List.of(), Optional.of(staged));
    }

    public String identity() {
        return ledger.payloadSha256();
    }

    /** Records this unit stages: its payload's record count. */
    public long stagedRows() {
        return ledger.rowCount();
    }
}
