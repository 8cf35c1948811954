package io.paydr.ops.cli;

import io.paydr.aws.AwsClients;
import io.paydr.aws.AwsEnvironment;
import io.paydr.ops.ReconcileReport;
import io.paydr.ops.Reconciler;
import io.paydr.ops.TimeRange;
import io.paydr.ops.WarehouseTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code reconcile}: compares both warehouses for a time range; exit 0 equal, 1 diverged. */
@Command(name = "reconcile", mixinStandardHelpOptions = true, versionProvider = OpsCli.Version.class,
        synopsisHeading = "usage: ",
        description = {"Compares both warehouses for a time range of occurred_at.",
                "A warehouse is REGION:WORKGROUP:DB (Serverless) or REGION:cluster=ID:DB (provisioned)."})
final class ReconcileCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Option(names = "--from", required = true, paramLabel = "TIME") String from;
    @Option(names = "--to", required = true, paramLabel = "TIME") String to;
    @Option(names = "--primary", required = true, paramLabel = "REGION:WORKGROUP:DB") String primary;
    @Option(names = "--secondary", required = true, paramLabel = "REGION:WORKGROUP:DB") String secondary;
    @Option(names = "--secret-arn", paramLabel = "ARN", description = "for both warehouses") String secretArn;
    @Option(names = "--db-user", paramLabel = "USER", description = "for both (clusters)") String dbUser;
    @Option(names = "--primary-secret-arn", paramLabel = "ARN") String primarySecretArn;
    @Option(names = "--primary-db-user", paramLabel = "USER") String primaryDbUser;
    @Option(names = "--secondary-secret-arn", paramLabel = "ARN") String secondarySecretArn;
    @Option(names = "--secondary-db-user", paramLabel = "USER") String secondaryDbUser;
    @Option(names = "--primary-endpoint", paramLabel = "URL") String primaryEndpoint;
    @Option(names = "--secondary-endpoint", paramLabel = "URL") String secondaryEndpoint;
    @Option(names = "--payments-table", paramLabel = "TABLE", defaultValue = "public.payments") String paymentsTable;
    @Option(names = "--ledger-table", paramLabel = "TABLE") String ledgerTable;
    @Option(names = "--no-ledger", description = "skip the ledger comparison") boolean noLedger;
    @Option(names = "--max-ids", paramLabel = "N", defaultValue = "20") int maxIds;
    @Option(names = "--max-drill-hours", paramLabel = "N", defaultValue = "48") int maxDrillHours;
    @Option(names = "--json", description = "the report as one JSON document") boolean json;

    private final Map<String, String> env;
    private final PrintStream out;

    ReconcileCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    @Override
    public Integer call() {
        TimeRange range = TimeRange.parse(from, to);
        WarehouseTarget p = WarehouseTarget.parse(primary, or(primarySecretArn, secretArn), or(primaryDbUser, dbUser));
        WarehouseTarget s = WarehouseTarget.parse(secondary, or(secondarySecretArn, secretArn),
                or(secondaryDbUser, dbUser));
        if (noLedger && ledgerTable != null) {
            throw new ParameterException(spec.commandLine(), "give --ledger-table or --no-ledger, not both");
        }
        URI pEndpoint = endpoint(primaryEndpoint, "--primary-endpoint", p);
        URI sEndpoint = endpoint(secondaryEndpoint, "--secondary-endpoint", s);
        if (pEndpoint != null && pEndpoint.equals(sEndpoint)) {
            // one override for both sides would compare a warehouse with itself and always say EQUAL
            throw new ParameterException(spec.commandLine(), "both warehouses resolve to the same endpoint "
                    + pEndpoint + ": give --primary-endpoint and --secondary-endpoint, or"
                    + " AWS_ENDPOINT_URL_REDSHIFT_DATA_<REGION>");
        }
        try (AwsClients primaryClients = AwsClients.create(AwsEnvironment.forRegion(env, p.region()));
             AwsClients secondaryClients = AwsClients.create(AwsEnvironment.forRegion(env, s.region()));
             RedshiftDataClient pc = primaryClients.redshiftData(Optional.ofNullable(pEndpoint));
             RedshiftDataClient sc = secondaryClients.redshiftData(Optional.ofNullable(sEndpoint))) {
            ReconcileReport report = Reconciler.builder()
                    .primary(p, pc)
                    .secondary(s, sc)
                    .range(range)
                    .paymentsTable(paymentsTable)
                    .ledgerTable(noLedger ? null : or(ledgerTable, "public.payments_ingest_ledger"))
                    .maxListedIds(maxIds)
                    .maxDrilledHours(maxDrillHours)
                    .build()
                    .reconcile();
            out.print(json ? ReconcileFormat.json(report) + "\n" : ReconcileFormat.text(report));
            return report.equal() ? ExitCode.OK : ExitCode.DIVERGED;
        }
    }

    private URI endpoint(String option, String name, WarehouseTarget target) {
        return option == null ? AwsEnvironment.forRegion(env, target.region()).redshiftDataEndpoint().orElse(null)
                : AwsEnvironment.parseEndpoint(name, option);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
