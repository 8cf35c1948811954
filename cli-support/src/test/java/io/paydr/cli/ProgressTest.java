package io.paydr.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain progress for pipes and logs, and the live bar for a terminal. */
class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private PlainProgress plain(long total) {
        return new PlainProgress(err, "publish", total, "batches", 2_000, clock::get);
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void plainLinesAtTheStartWhenTheIntervalPassedAndOnceAtTheEnd() {
        try (PlainProgress p = plain(20)) {
            for (int i = 1; i <= 20; i++) {
                clock.addAndGet(500_000_000L); // half a second per batch: a line every four batches
                p.step();
            }
        }
        assertEquals(List.of("publish: 0/20 batches (0%)", "publish: 4/20 batches (20%)", "publish: 8/20 batches (40%)",
                "publish: 12/20 batches (60%)", "publish: 16/20 batches (80%)", "publish: 20/20 batches (100%)"), lines());
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"), "no carriage return in a pipe");
    }

    @Test
    void waitingAtOneHundredPercentPrintsItOnce() {
        try (PlainProgress p = plain(4)) {
            p.stepTo(4);
            for (int i = 0; i < 30; i++) {
                clock.addAndGet(3_000_000_000L); // a long wait, state unchanged, repeated updates
                p.stepTo(4);
            }
            clock.addAndGet(3_000_000_000L);
            p.stepTo(4);
        }
        List<String> lines = lines();
        assertEquals(1, lines.stream().filter(l -> l.contains("(100%)")).count(), String.join("\n", lines));
        assertEquals("publish: 4/4 batches (100%)", lines.get(lines.size() - 1));
    }

    @Test
    void aQuickTaskPrintsItsStartAndItsEnd() {
        try (PlainProgress p = plain(3)) {
            p.step();
            p.step();
            p.step();
            p.message("us-east-1 3");
        }
        assertEquals(List.of("publish: 0/3 batches (0%)", "publish: 3/3 batches (100%)  us-east-1 3"), lines());
    }

    @Test
    void anUnknownTotalCountsAlone() {
        try (PlainProgress p = new PlainProgress(err, "redrive moved", -1, "messages", 2_000, clock::get)) {
            clock.addAndGet(3_000_000_000L);
            p.stepTo(7);
            p.close();
            p.close();
        }
        assertEquals(List.of("redrive moved: 0 messages", "redrive moved: 7 messages"), lines());
    }

    @Test
    void theLiveBarRedrawsInPlace() {
        try (Progress p = Progress.live(err, "load both Regions", 10, "payloads")) {
            p.stepTo(5);
            p.message("us-east-1 5");
            p.stepTo(10);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\r") && text.contains("load both Regions") && text.contains("10/10"), text);
    }

    @Test
    void aConsoleChoosesByItsTerminalFlag() {
        new Console(err, err, false).progress("t", 1, "u").close();
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"));
        new Console(err, err, true).progress("t", 1, "u").close();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("\r"));
    }
}
