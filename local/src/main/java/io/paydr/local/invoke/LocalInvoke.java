package io.paydr.local.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.sam.CfnResolver;
import io.paydr.ingest.config.ConfigurationException;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.aws.TableName;
import io.paydr.ingest.internal.JsonLog;
import io.paydr.local.eventsource.LocalLambdaContext;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code sam local invoke} without Docker: reads the function from the template (Handler, Environment, Timeout),
 * resolves its environment with samconfig's parameter overrides and an env-vars file, points it at devstack,
 * provisions what the event needs, runs the handler in-process with the event as Lambda deserialises it, and
 * reads back the warehouse tables the function writes.
 */
public final class LocalInvoke {

    /** The samconfig environment whose local_invoke parameters apply when --config-env is not given. */
    public static final String DEFAULT_CONFIG_ENV = "devstack";
    public static final String DEFAULT_REGION = "us-east-1";
    private static final int SHOWN_ROWS = 5;

    private final Devstack devstack;

    public LocalInvoke(Devstack devstack) {
        this.devstack = devstack;
    }

    /**
     * Plans and runs one invocation; the handler's logs go to {@code log}.
     *
     * @throws InvokeException USAGE for anything wrong in the options or files, HANDLER_FAILED when the handler threw
     */
    public InvocationResult invoke(InvokeOptions options, PrintStream log) {
        return invoke(plan(options), log);
    }

    /**
     * Everything that needs no devstack: template, function, handler, event and environment, so that usage errors
     * surface before devstack starts.
     *
     * @throws InvokeException USAGE naming what is wrong
     */
    static InvocationPlan plan(InvokeOptions options) {
        SamTemplate template = SamTemplate.load(options.template());
        JsonNode event = EventFiles.tree(options.event());
        String functionId = options.function().orElseGet(() -> inferFunction(template, event, options.event()));
        Map<String, Object> properties = template.functionProperties(functionId);
        Path projectDir = Optional.ofNullable(options.template().toAbsolutePath().getParent()).orElse(Path.of("."));
        SamConfigFile samconfig = SamConfigFile.read(projectDir.resolve("samconfig.toml"),
                options.configEnv().orElse(DEFAULT_CONFIG_ENV), options.configEnv().isPresent());
        String regionId = options.region().or(samconfig::region).orElse(DEFAULT_REGION);
        DevRegion region = devRegion(regionId);

        CfnResolver values = template.values(samconfig.parameterOverrides(), regionId);
        HandlerReference handler = HandlerReference.resolve(handlerOf(values, properties, functionId));
        checkShape(event, handler, functionId, options.event());
        Object typedEvent = EventFiles.convert(event, handler.eventType(), options.event());
        Optional<Path> envVars = options.envVars().or(() -> samconfig.envVars().map(projectDir::resolve));
        FunctionEnvironment env = FunctionEnvironment.resolve(template, functionId, values, envVars);
        return new InvocationPlan(options, functionId, region, handler, typedEvent, env,
                template.timeout(functionId, values));
    }

    /** Runs a planned invocation on this devstack; the handler's logs go to {@code log}. */
    InvocationResult invoke(InvocationPlan plan, PrintStream log) {
        FunctionEnvironment env = plan.environment();
        env.putAll(devstack.environment(plan.region()), FunctionEnvironment.FROM_DEVSTACK);
        config(env); // a configuration error names its variable before anything is provisioned
        List<String> provisioned;
        try (EventProvisioner provisioner = new EventProvisioner(devstack, plan.region())) {
            provision(provisioner, env, plan.event(), plan.options());
            provisioned = provisioner.done();
        }
        IngestConfig config = config(env); // again: provisioning points QUEUE_URL at devstack's queue
        WarehouseTables warehouse = new WarehouseTables(devstack.jdbcUrl(plan.region()));
        TableName payments = config.tableFor("payments").orElseThrow();
        long paymentsBefore = warehouse.count(payments);
        long ledgerBefore = warehouse.count(config.ledgerTable());

        String regionId = plan.region().id();
        Object response = run(plan.handler(), config, plan.event(),
                new LocalLambdaContext(plan.function(), regionId, plan.timeout(), log::println), log);

        List<InvocationResult.TableAfter> tables = List.of(
                after(warehouse.snapshot(payments, "occurred_at, transaction_id", SHOWN_ROWS), paymentsBefore),
                after(warehouse.snapshot(config.ledgerTable(), "loaded_at, payload_key", SHOWN_ROWS), ledgerBefore));
        return new InvocationResult(plan.function(), plan.handler().handler(), regionId, plan.options().event(),
                plan.handler().eventType().getSimpleName(), env.sources(), env.unresolved(), provisioned, response,
                EventFiles.write(response), tables);
    }

    private void provision(EventProvisioner provisioner, FunctionEnvironment env, Object event, InvokeOptions options) {
        provisioner.createBuckets(env.values());
        provisioner.migrateSchema(env.values());
        if (event instanceof SQSEvent sqs) {
            provisioner.seedPayloads(sqs, options.event());
        } else if (event instanceof ScheduledEvent) {
            String configured = env.get(IngestConfig.QUEUE_URL).orElseThrow(() -> InvokeException.usage(
                    "QUEUE_URL is " + env.unresolved().getOrDefault(IngestConfig.QUEUE_URL, "not set")
                            + ", which only a deployed stack resolves: give it in --env-vars (events/env.json has one)"));
            String url = provisioner.queue(configured);
            env.put(IngestConfig.QUEUE_URL, url, FunctionEnvironment.FROM_DEVSTACK);
            provisioner.sendBacklog(url, options.backlog().isEmpty() ? sqsEventsBeside(options.event()) : options.backlog());
        }
    }

    private static Object run(HandlerReference handler, IngestConfig config, Object event, Context context,
                              PrintStream log) {
        PrintStream previous = JsonLog.redirect(log); // the function's log lines, like sam local's, go to the log
        try {
            return handler.invoke(handler.instantiate(config), event, context);
        } finally {
            JsonLog.redirect(previous);
        }
    }

    private static IngestConfig config(FunctionEnvironment env) {
        try {
            return IngestConfig.fromEnvironment(env.values());
        } catch (ConfigurationException e) {
            throw InvokeException.usage("configuration error: " + e.getMessage()
                    + (env.unresolved().isEmpty() ? "" : " (unresolved in the template: " + env.unresolved()
                    + "; give them in --env-vars)"));
        }
    }

    private static InvocationResult.TableAfter after(WarehouseTables.Snapshot snapshot, long before) {
        return new InvocationResult.TableAfter(snapshot.table().qualified(), before, snapshot.rows(), snapshot.firstRows());
    }

    private static String handlerOf(CfnResolver values, Map<String, Object> properties, String functionId) {
        Object handler = properties.get("Handler");
        if (handler == null) {
            throw InvokeException.usage(functionId + " has no Handler in the template");
        }
        try {
            return values.string(handler);
        } catch (CfnResolver.Unresolvable e) {
            throw InvokeException.usage(functionId + "'s Handler is " + e.getMessage() + ", which cannot be resolved locally");
        }
    }

    /** The function whose event source delivers this kind of event (SQS records or a schedule). */
    private static String inferFunction(SamTemplate template, JsonNode event, Path eventFile) {
        String source = EventFiles.isSqsEvent(event) ? "SQS" : EventFiles.isScheduledEvent(event) ? "Schedule" : null;
        List<String> candidates = source == null ? List.of()
                : template.functionIds().stream().filter(id -> template.eventTypes(id).contains(source)).toList();
        if (candidates.size() != 1) {
            throw InvokeException.usage("cannot tell which function " + eventFile + " is for: give --function, one of "
                    + template.functionIds());
        }
        return candidates.get(0);
    }

    /** Lambda would deserialise any JSON into the handler's type, silently; a wrong sample file is a usage error here. */
    private static void checkShape(JsonNode event, HandlerReference handler, String functionId, Path file) {
        boolean fits = handler.eventType() == SQSEvent.class ? EventFiles.isSqsEvent(event)
                : handler.eventType() != ScheduledEvent.class || EventFiles.isScheduledEvent(event);
        if (!fits) {
            throw InvokeException.usage(file + " does not look like a " + handler.eventType().getSimpleName()
                    + ", which " + functionId + "'s handler takes");
        }
    }

    private static DevRegion devRegion(String regionId) {
        try {
            return DevRegion.of(regionId);
        } catch (IllegalArgumentException e) {
            throw InvokeException.usage("--region: " + e.getMessage());
        }
    }

    /** Every SQS event file in the event's directory, by name. */
    static List<Path> sqsEventsBeside(Path event) {
        Path dir = Optional.ofNullable(event.toAbsolutePath().getParent()).orElse(Path.of("."));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(p -> {
                try {
                    if (EventFiles.isSqsEvent(EventFiles.tree(p))) {
                        files.add(p);
                    }
                } catch (InvokeException notAnEvent) {
                    // a JSON file that is no event (e.g. env.json)
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return files;
    }
}
