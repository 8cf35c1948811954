package io.paydr.local.cli;

import io.paydr.local.invoke.LocalInvokeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code paydr-local invoke --event events/...json}: sam local invoke without Docker; options are LocalInvokeCommand's. */
@Command(name = "invoke", description = {"sam local invoke without Docker: runs a function of template.yaml in-process",
        "on devstack with an event from events/ (options: [LOGICAL_ID] --event --template --env-vars --region --config-env --backlog)."})
final class InvokeCommand implements Callable<Integer> {

    @Unmatched
    private List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return LocalInvokeCommand.run(args.toArray(String[]::new), LocalCli.console(), System.err);
    }
}
