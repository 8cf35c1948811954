package io.paydr.contract;

/**
 * One broken rule of one record.
 *
 * @param recordIndex 0-based index of the record in its batch
 * @param field       the wire (column) name of the field, or "record" for the record as a whole
 * @param rule        a human sentence naming the rule, never the offending value
 */
public record Violation(int recordIndex, String field, String rule) {

    @Override
    public String toString() {
        return "record " + recordIndex + " field " + field + ": " + rule;
    }
}
