package io.paydr.devstack.redshift.internal;

import java.util.List;

/**
 * The rows of a finished statement, held in memory until the statement is evicted.
 * Each value is null, a Boolean, Long, Double, String or byte[]: the Data API's Field union.
 */
public record StatementResult(List<Column> columns, List<Object[]> rows, long sizeBytes) {

    /** The Data API's ColumnMetadata of one result column. */
    public record Column(String name, String label, String typeName, int nullable, int precision, int scale,
                         boolean signed, boolean caseSensitive, boolean currency, int length,
                         String schemaName, String tableName) {
    }
}
