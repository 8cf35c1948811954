package io.paydr.local.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyRateTest {
    private static long[] commit(double atSeconds, long payloads) {
        return new long[] {(long) (atSeconds * 1e9), payloads};
    }

    @Test
    void oneSlowRoundDoesNotSetTheRate() {
        // a start-up round of 23 s, then loads of 10 payloads every 5 s
        List<long[]> commits = List.of(commit(3, 5), commit(26, 10), commit(31, 10), commit(36, 10), commit(41, 10));
        assertEquals(2.0, CellRunner.steadyRate(commits).orElseThrow(), 1e-9);
    }

    @Test
    void aLineThatSlowsDownShowsIt() {
        List<long[]> commits = List.of(commit(0, 1), commit(2, 1), commit(6, 1), commit(14, 1));
        assertEquals(0.25, CellRunner.steadyRate(commits).orElseThrow(), 1e-9);
    }

    @Test
    void tooFewCommitsGiveNoRate() {
        assertTrue(CellRunner.steadyRate(List.of(commit(1, 10), commit(5, 10))).isEmpty());
    }
}
