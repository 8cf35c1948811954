package io.paydr.local.cli;

import io.paydr.cli.Console;
import io.paydr.devstack.Devstack;
import io.paydr.local.invoke.LocalInvokeCommand;
import io.paydr.local.report.RunReport;
import io.paydr.local.run.LocalRun;
import io.paydr.local.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = LocalInvokeCommand.Version.class,
        description = {"Starts devstack with two Regions, creates both stacks, runs the ingest function in each,",
                "publishes synthetic payments and reports loads, lag, DLQ depth and the reconcile verdict.",
                "Exit 0 only when both warehouses equal the published set and no DLQ holds a message."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--batches", defaultValue = "20", description = "batches to publish (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--records-per-batch", defaultValue = "2000",
            description = "payments per batch (default: ${DEFAULT-VALUE})")
    int recordsPerBatch;

    @Option(names = "--rate", defaultValue = "0",
            description = "batches per second to publish; 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--load-timeout", defaultValue = "60",
            description = "seconds to wait for both Regions after publishing (default: ${DEFAULT-VALUE})")
    int loadTimeoutSeconds;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    private final Console console;

    RunCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        RunOptions options;
        try {
            options = new RunOptions(batches, recordsPerBatch, rate, seed, Duration.ofSeconds(loadTimeoutSeconds),
                    pipeline.settings());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (FunctionLog log = output.openFunctionLog(console.err());
             Devstack devstack = LocalCli.startDevstack(console.err())) {
            LocalRun.RunResult result = LocalRun.execute(devstack, options, console);
            console.out().print(output.json ? RunReport.json(result, log.file()) : RunReport.text(result));
            console.out().flush();
            return result.verdict().ok() ? 0 : 1;
        }
    }
}
