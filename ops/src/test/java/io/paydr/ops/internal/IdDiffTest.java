package io.paydr.ops.internal;

import io.paydr.ops.ReconcileReport.IdSample;
import io.paydr.ops.internal.IdDiff.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdDiffTest {

    @Test
    void findsRowsMissingOnEitherSideAndDifferentRows() {
        List<Row> primary = List.of(new Row("a", "d1"), new Row("b", "d2"), new Row("c", "d3"), new Row("d", "d4"));
        List<Row> secondary = List.of(new Row("d", "d4"), new Row("b", "d20"), new Row("e", "d5"), new Row("a", "d1"));
        IdDiff.Result r = IdDiff.transactions(primary, secondary, 10);
        assertEquals(new IdSample(1, List.of("e")), r.missingOnPrimary());
        assertEquals(new IdSample(1, List.of("c")), r.missingOnSecondary());
        assertEquals(new IdSample(1, List.of("b")), r.rowMismatches());
        assertEquals(IdSample.NONE, r.duplicates());
    }

    @Test
    void aDuplicatedRowIsADuplicateNotAMismatch() {
        IdDiff.Result r = IdDiff.transactions(List.of(new Row("a", "d1"), new Row("a", "d1")), List.of(new Row("a", "d1")), 10);
        assertEquals(new IdSample(1, List.of("a")), r.duplicates());
        assertEquals(IdSample.NONE, r.rowMismatches());
        assertEquals(IdSample.NONE, r.missingOnPrimary());
    }

    @Test
    void samplesAreBoundedAndSortedButCountsExact() {
        List<Row> primary = new ArrayList<>();
        for (int i = 999; i >= 0; i--) {
            primary.add(new Row(String.format("tx-%04d", i), "d" + i));
        }
        IdDiff.Result r = IdDiff.transactions(primary, List.of(), 3);
        assertEquals(new IdSample(1000, List.of("tx-0000", "tx-0001", "tx-0002")), r.missingOnSecondary());
    }

    @Test
    void onlyInIsASortedSetDifference() {
        assertEquals(new TreeSet<>(List.of("x", "z")),
                IdDiff.onlyIn(new TreeSet<>(List.of("z", "y", "x")), new TreeSet<>(List.of("y"))));
    }
}
