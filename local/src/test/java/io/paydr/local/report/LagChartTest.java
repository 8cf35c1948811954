package io.paydr.local.report;

import io.paydr.local.eventsource.IngestLag;
import io.paydr.local.pipeline.TimeWindow;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LagChartTest {

    @Test
    void writesAReadablePngWithBothRegionsAndTheFaultWindow() throws IOException {
        Instant t0 = Instant.parse("2026-11-25T18:00:00Z");
        IngestLag primary = new IngestLag("us-east-1");
        IngestLag secondary = new IngestLag("us-west-2");
        for (int s = 0; s < 60; s++) {
            secondary.record(t0.plusSeconds(s), 300 + (s % 7) * 40);
            if (s < 20 || s > 40) {
                primary.record(t0.plusSeconds(s), s > 40 && s < 45 ? (40 - 20 + 45 - s) * 1000L : 350);
            }
        }
        Path file = Files.createTempDirectory("chart").resolve("lag.png");
        Path written = new LagChart("Region outage drill", t0, List.of(primary, secondary))
                .faultWindow(new TimeWindow(t0.plusSeconds(20), t0.plusSeconds(40)), "us-east-1 consumer + warehouse down")
                .caughtUpAt(t0.plusSeconds(45))
                .writePng(file);

        assertEquals(file, written);
        BufferedImage image = ImageIO.read(written.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(Files.size(written) > 10_000, "a drawn chart, not an empty canvas");
    }
}
