package io.paydr.aws;

import java.util.List;

/**
 * A finished statement (or batch): its id and the rows each (sub-)statement affected, in submission order.
 * For a single statement the list has one element.
 */
public record StatementResult(String statementId, List<Long> resultRows) {
    public StatementResult {
        resultRows = List.copyOf(resultRows);
    }

    public long rows(int statementIndex) {
        return resultRows.get(statementIndex);
    }
}
