package io.paydr.local.invoke;

import io.paydr.sam.CfnYaml;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code invoke --event FILE [--function ID] [--template FILE] [--env-vars FILE] [--region R]}: {@code sam local
 * invoke} on any machine with Java. Starts devstack in-process, runs the function (see {@link LocalInvoke}), prints
 * the report, stops devstack. Exit status: 0 the handler returned (batch item failures are printed, not errors),
 * 1 the handler threw, 2 usage or configuration error.
 */
public final class LocalInvokeCommand {

    private LocalInvokeCommand() {
    }

    /** The report alone goes to standard output; the function's own output (logs, EMF metrics) to standard error. */
    public static void main(String[] args) {
        // devstack's servers log at INFO; the report is what matters here
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        PrintStream report = System.out;
        System.setOut(System.err);
        System.exit(run(args, report, System.err));
    }

    /** Runs the command with a devstack of its own. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** Runs the command against the given devstack (left running), or a devstack of its own when it is null. */
    public static int run(String[] args, PrintStream out, PrintStream err, Devstack existing) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(InvokeOptions.USAGE);
            return 0;
        }
        try {
            InvokeOptions options = InvokeOptions.parse(args);
            InvocationPlan plan = LocalInvoke.plan(options);
            InvocationResult result = existing != null ? new LocalInvoke(existing).invoke(plan, err)
                    : invokeOnOwnDevstack(plan, err);
            ReportPrinter.print(result, out);
            return 0;
        } catch (InvokeException e) {
            err.println((e.exitStatus() == InvokeException.USAGE ? "invoke: " : "invoke failed: ") + e.getMessage());
            if (e.exitStatus() == InvokeException.USAGE) {
                err.println(InvokeOptions.SYNOPSIS);
            } else if (e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return e.exitStatus();
        } catch (CfnYaml.TemplateException e) {
            err.println("invoke: " + e.getMessage());
            err.println(InvokeOptions.SYNOPSIS);
            return InvokeException.USAGE;
        }
    }

    private static InvocationResult invokeOnOwnDevstack(InvocationPlan plan, PrintStream log) {
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults())) {
            return new LocalInvoke(devstack).invoke(plan, log);
        }
    }
}
