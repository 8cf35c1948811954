package io.paydr.ops.cli;

import io.paydr.aws.AwsClients;
import io.paydr.aws.AwsEnvironment;
import io.paydr.ops.ReconcileReport;
import io.paydr.ops.Reconciler;
import io.paydr.ops.TimeRange;
import io.paydr.ops.WarehouseTarget;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code reconcile}: compares both warehouses for a time range; exit 0 equal, 1 diverged. */
final class ReconcileCommand {

    static final String USAGE = """
            reconcile --from TIME --to TIME --primary REGION:WORKGROUP:DB --secondary REGION:WORKGROUP:DB
                      [--secret-arn ARN | --db-user USER] [--primary-secret-arn ARN] [--primary-db-user USER]
                      [--secondary-secret-arn ARN] [--secondary-db-user USER]
                      [--primary-endpoint URL] [--secondary-endpoint URL]
                      [--payments-table public.payments] [--ledger-table public.payments_ingest_ledger | --no-ledger]
                      [--max-ids 20] [--max-drill-hours 48] [--json]
              A warehouse is REGION:WORKGROUP:DB (Serverless) or REGION:cluster=ID:DB (provisioned).
            """;

    private static final Set<String> VALUED = Set.of("from", "to", "primary", "secondary", "secret-arn", "db-user",
            "primary-secret-arn", "primary-db-user", "secondary-secret-arn", "secondary-db-user", "primary-endpoint",
            "secondary-endpoint", "payments-table", "ledger-table", "max-ids", "max-drill-hours");
    private static final Set<String> FLAGS = Set.of("no-ledger", "json");

    private ReconcileCommand() {
    }

    static int run(List<String> argv, Map<String, String> env, PrintStream out) {
        Args a = Args.parse(argv, VALUED, FLAGS);
        TimeRange range = TimeRange.parse(a.required("from"), a.required("to"));
        WarehouseTarget primary = target(a, "primary");
        WarehouseTarget secondary = target(a, "secondary");
        if (a.flag("no-ledger") && a.optional("ledger-table") != null) {
            throw new UsageException("give --ledger-table or --no-ledger, not both");
        }
        URI primaryEndpoint = endpoint(a, "primary", primary, env);
        URI secondaryEndpoint = endpoint(a, "secondary", secondary, env);
        if (primaryEndpoint != null && primaryEndpoint.equals(secondaryEndpoint)) {
            // one override for both sides would compare a warehouse with itself and always say EQUAL
            throw new UsageException("both warehouses resolve to the same endpoint " + primaryEndpoint
                    + ": give --primary-endpoint and --secondary-endpoint, or AWS_ENDPOINT_URL_REDSHIFT_DATA_<REGION>");
        }
        try (AwsClients primaryClients = AwsClients.create(AwsEnvironment.forRegion(env, primary.region()));
             AwsClients secondaryClients = AwsClients.create(AwsEnvironment.forRegion(env, secondary.region()));
             RedshiftDataClient p = primaryClients.redshiftData(Optional.ofNullable(primaryEndpoint));
             RedshiftDataClient s = secondaryClients.redshiftData(Optional.ofNullable(secondaryEndpoint))) {
            ReconcileReport report = Reconciler.builder()
                    .primary(primary, p)
                    .secondary(secondary, s)
                    .range(range)
                    .paymentsTable(a.optional("payments-table", "public.payments"))
                    .ledgerTable(a.flag("no-ledger") ? null
                            : a.optional("ledger-table", "public.payments_ingest_ledger"))
                    .maxListedIds(a.positiveInt("max-ids", 20))
                    .maxDrilledHours(a.positiveInt("max-drill-hours", 48))
                    .build()
                    .reconcile();
            out.print(a.flag("json") ? ReconcileFormat.json(report) + "\n" : ReconcileFormat.text(report));
            return report.equal() ? ExitCode.OK : ExitCode.DIVERGED;
        }
    }

    private static WarehouseTarget target(Args a, String side) {
        String secret = a.optional(side + "-secret-arn", a.optional("secret-arn"));
        String user = a.optional(side + "-db-user", a.optional("db-user"));
        return WarehouseTarget.parse(a.required(side), secret, user);
    }

    private static URI endpoint(Args a, String side, WarehouseTarget target, Map<String, String> env) {
        String value = a.optional(side + "-endpoint");
        return value == null ? AwsEnvironment.forRegion(env, target.region()).redshiftDataEndpoint().orElse(null)
                : AwsEnvironment.parseEndpoint("--" + side + "-endpoint", value);
    }
}
