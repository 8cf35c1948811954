package io.paydr.local.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.local.run.LocalRun.RunResult;
import io.paydr.local.run.RunOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The report of {@code run}: the text README.md shows, or one JSON document. */
public final class RunReport {

    private RunReport() {
    }

    public static String text(RunResult r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        RunOptions o = r.options();
        out.printf(Locale.ROOT, "published %d batches x %d payments (%s, seed %d) in %.1f s, %d publish retries;"
                        + " run took %.1f s%n", r.verdict().publishedPayloads(), o.recordsPerBatch(),
                o.pipeline().gzip() ? "gzip" : "identity", o.seed(), r.publishTime().toMillis() / 1000.0, r.retries(),
                r.total().toMillis() / 1000.0);
        VerdictFormat.print(out, r.verdict());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public static String json(RunResult r, Optional<Path> functionLog) {
        RunOptions o = r.options();
        ObjectNode doc = ReportJson.object().put("command", "run");
        doc.putObject("options").put("batches", o.batches()).put("records_per_batch", o.recordsPerBatch())
                .put("rate", o.batchesPerSecond()).put("seed", o.seed())
                .put("encoding", o.pipeline().gzip() ? "gzip" : "identity");
        doc.put("publish_ms", r.publishTime().toMillis()).put("publish_retries", r.retries())
                .put("run_ms", r.total().toMillis());
        doc.setAll(ReportJson.verdict(r.verdict()));
        ReportJson.functionLog(doc, functionLog);
        return ReportJson.write(doc);
    }
}
