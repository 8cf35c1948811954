package io.paydr.ingest.load;

import io.paydr.contract.PaymentTransaction;
import io.paydr.aws.TableName;
import java.util.List;

/**
 * Something that loads or fails as a whole: what to stage (COPY commands and/or rows already decoded) into which
 * table, and the ledger rows to write. In event mode one unit is one payload; in drain mode one unit may cover many
 * payloads through a manifest.
 */
public record LoadUnit(TableName table, List<CopyCommand> copies, List<PaymentTransaction> rows,
                       List<LedgerEntry> ledger) {
    public LoadUnit {
        copies = List.copyOf(copies);
        rows = List.copyOf(rows);
        ledger = List.copyOf(ledger);
        if (ledger.isEmpty()) {
            throw new IllegalArgumentException("a load unit records at least one payload in the ledger");
        }
    }

    public static LoadUnit copy(TableName table, CopyCommand copy, LedgerEntry ledger) {
        return new LoadUnit(table, List.of(copy), List.of(), List.of(ledger));
    }

    public static LoadUnit rows(TableName table, List<PaymentTransaction> rows, LedgerEntry ledger) {
        return new LoadUnit(table, List.of(), rows, List.of(ledger));
    }

    /** Records this unit stages: the sum of its payloads' record counts. */
    public long stagedRows() {
        return ledger.stream().mapToLong(LedgerEntry::rowCount).sum();
    }
}
