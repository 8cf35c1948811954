package io.paydr.aws;

import java.util.List;
import java.util.Map;

/** What the loader needs from the warehouse: a batch as one transaction, a query, and the rows of a batch's SELECT. */
public interface SqlRunner {
    /** Runs the statements serially in one transaction; returns the rows each statement affected. */
    StatementResult executeBatch(List<String> statements, Deadline deadline);

    /** Runs a query with named parameters; returns every row, fields as strings. */
    List<List<String>> query(String sql, Map<String, String> parameters, Deadline deadline);

    /**
     * Every row of a finished statement, or of a batch's sub-statement ({@code <batch id>:<n>}, n from 1), fields as
     * strings: a SELECT inside a batch is read after the batch has committed.
     */
    List<List<String>> rowsOf(String statementId);
}
