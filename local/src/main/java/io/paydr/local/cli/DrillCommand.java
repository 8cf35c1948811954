package io.paydr.local.cli;

import io.paydr.cli.Console;
import io.paydr.devstack.Devstack;
import io.paydr.local.drill.DrillOptions;
import io.paydr.local.drill.RegionOutageDrill;
import io.paydr.local.drill.ReplicationLagDrill;
import io.paydr.local.invoke.LocalInvokeCommand;
import io.paydr.local.report.DrillReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "drill", mixinStandardHelpOptions = true, versionProvider = LocalInvokeCommand.Version.class,
        description = "Disaster-recovery drills on devstack; each writes a PNG chart of both Regions' ingest lag.")
final class DrillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a drill: region-outage or replication-lag");
    }

    /** Options every drill takes. */
    static final class Common {
        @Option(names = "--duration", defaultValue = "30", description = "seconds of continuous publishing (default: ${DEFAULT-VALUE})")
        int durationSeconds;

        @Option(names = "--records-per-batch", defaultValue = "2000", description = "payments per batch (default: ${DEFAULT-VALUE})")
        int recordsPerBatch;

        @Option(names = "--rate", defaultValue = "2", description = "batches per second (default: ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--seed", defaultValue = "42", description = "generator seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--load-timeout", defaultValue = "120",
                description = "seconds to wait for both Regions after publishing (default: ${DEFAULT-VALUE})")
        int loadTimeoutSeconds;

        @Option(names = "--chart", paramLabel = "FILE",
                description = "PNG file for the lag chart (default: <drill>-<time>.png in the temporary directory of"
                        + " the function log, named in the report)")
        Path chart;

        @Mixin
        PipelineOptions pipeline;

        @Mixin
        OutputOptions output;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /** The drill's options; invalid combinations are usage errors (exit 2). */
        DrillOptions options(String drill, int faultAfter, int faultLength) {
            Path file = chart != null ? chart : output.directory().resolve(drill + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png");
            try {
                return new DrillOptions(Duration.ofSeconds(durationSeconds), Duration.ofSeconds(faultAfter),
                        Duration.ofSeconds(faultLength), recordsPerBatch, rate, seed,
                        Duration.ofSeconds(loadTimeoutSeconds), file, pipeline.settings());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
    }

    @Command(name = "region-outage", mixinStandardHelpOptions = true, versionProvider = LocalInvokeCommand.Version.class,
            description = {"While publishing continuously, takes the primary Region's consumer and warehouse down,",
                    "brings them back and reports the secondary's lag during the outage, the primary's max lag",
                    "(RPO), the time to catch up (RTO) and the final verdict. Exit 0 only when all matched."})
    static final class RegionOutage implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--outage-after", defaultValue = "8", description = "seconds into publishing (default: ${DEFAULT-VALUE})")
        int outageAfter;

        @Option(names = "--outage", defaultValue = "12", description = "outage length, seconds (default: ${DEFAULT-VALUE})")
        int outage;

        private final Console console;

        RegionOutage(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            DrillOptions options = common.options("region-outage", outageAfter, outage);
            try (FunctionLog log = common.output.openFunctionLog(console.err());
                 Devstack devstack = LocalCli.startDevstack(console.err())) {
                RegionOutageDrill.Result r = RegionOutageDrill.execute(devstack, options, console);
                console.out().print(common.output.json ? DrillReport.json(r, log.file()) : DrillReport.text(r));
                console.out().flush();
                return r.ok() ? 0 : 1;
            }
        }
    }

    @Command(name = "replication-lag", mixinStandardHelpOptions = true, versionProvider = LocalInvokeCommand.Version.class,
            description = {"While publishing continuously, makes S3 replication to the secondary lag behind, so the",
                    "secondary must read from the source bucket or retry; passes when nothing went to a DLQ",
                    "and both warehouses equal the published set."})
    static final class ReplicationLag implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--lag-after", defaultValue = "5", description = "seconds into publishing (default: ${DEFAULT-VALUE})")
        int lagAfter;

        @Option(names = "--lag-for", defaultValue = "10", description = "how long replication lags, seconds (default: ${DEFAULT-VALUE})")
        int lagFor;

        @Option(names = "--replication-delay", defaultValue = "30",
                description = "replication delay while lagging, seconds (default: ${DEFAULT-VALUE})")
        int replicationDelay;

        private final Console console;

        ReplicationLag(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            DrillOptions options = common.options("replication-lag", lagAfter, lagFor);
            try (FunctionLog log = common.output.openFunctionLog(console.err());
                 Devstack devstack = LocalCli.startDevstack(console.err())) {
                ReplicationLagDrill.Result r = ReplicationLagDrill.execute(devstack, options,
                        Duration.ofSeconds(replicationDelay), console);
                console.out().print(common.output.json ? DrillReport.json(r, log.file()) : DrillReport.text(r));
                console.out().flush();
                return r.ok() ? 0 : 1;
            }
        }
    }
}
