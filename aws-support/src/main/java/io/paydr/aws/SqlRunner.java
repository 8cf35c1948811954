package io.paydr.aws;

import java.util.List;
import java.util.Map;

/** What the loader needs from the warehouse: a batch as one transaction, and a query. */
public interface SqlRunner {
    /** Runs the statements serially in one transaction; returns the rows each statement affected. */
    StatementResult executeBatch(List<String> statements, Deadline deadline);

    /** Runs a query with named parameters; returns every row, fields as strings. */
    List<List<String>> query(String sql, Map<String, String> parameters, Deadline deadline);
}
