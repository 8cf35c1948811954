package io.paydr.ingest.schema;

import io.paydr.ingest.config.ConfigurationException;
import io.paydr.aws.TableName;
import io.paydr.ingest.config.WarehouseConfig;
import io.paydr.aws.AwsClients;
import io.paydr.aws.DataApiException;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The operator's schema migration command. Reads the same environment as the function (AWS_REGION, REDSHIFT_*,
 * DATASET_TABLES, LEDGER_TABLE, optional AWS_ENDPOINT_URL_REDSHIFT_DATA) and applies pending versions:
 * <pre>java -cp functions/ingest/target/paydr-ingest.jar io.paydr.ingest.schema.MigrateCommand [--status]</pre>
 * Exit status: 0 done, 1 a statement or the Data API failed, 2 bad configuration or usage.
 */
public final class MigrateCommand {
    /** The version table lives in the ledger's schema: {@code <schema>.paydr_schema_version}. */
    public static final String VERSION_TABLE_NAME = "paydr_schema_version";
    private static final Duration TIME_BUDGET = Duration.ofMinutes(10);

    private MigrateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static TableName versionTable(WarehouseConfig config) {
        return new TableName(config.ledgerTable().schema(), VERSION_TABLE_NAME);
    }

    /** Builds the migrator for a configuration (the command and tests share it). */
    public static SchemaMigrator migrator(WarehouseConfig config, DataApiExecutor executor) {
        TableName payments = config.tableFor("payments").orElseThrow(() -> new ConfigurationException(
                "DATASET_TABLES", "must map the payments dataset to a table"));
        return new SchemaMigrator(executor, versionTable(config),
                MigrationScripts.bundled(payments, config.ledgerTable()), Clock.systemUTC());
    }

    static final String USAGE = String.join("\n",
            "Usage: java -jar paydr-ingest.jar [--status | --help | --version]",
            "Applies the warehouse schema migrations the function needs (V1, V2, ...), each once, through the Data API.",
            "      --status   list applied and pending versions, change nothing",
            "  -h, --help     show this help and exit",
            "  -V, --version  print the version and exit",
            "Reads the function's environment: AWS_REGION, REDSHIFT_WORKGROUP or REDSHIFT_CLUSTER_ID,",
            "REDSHIFT_DATABASE, REDSHIFT_SECRET_ARN (optional), DATASET_TABLES, LEDGER_TABLE,",
            "AWS_ENDPOINT_URL_REDSHIFT_DATA (optional). Exit status: 0 done, 1 a statement or the Data API failed,",
            "2 bad configuration or usage.");

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        // hand-parsed: two flags do not justify picocli in the function's deployment jar
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            String v = MigrateCommand.class.getPackage().getImplementationVersion();
            out.println("paydr-ingest " + (v == null ? "development" : v));
            return 0;
        }
        boolean statusOnly = args.length == 1 && args[0].equals("--status");
        if (args.length > 1 || (args.length == 1 && !statusOnly)) {
            err.println("unknown arguments: " + String.join(" ", args));
            err.println(USAGE);
            return 2;
        }
        WarehouseConfig config;
        try {
            config = WarehouseConfig.fromEnvironment(environment);
        } catch (ConfigurationException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        }
        try (AwsClients clients = AwsClients.create(config.aws())) {
            SchemaMigrator migrator = migrator(config, new DataApiExecutor(clients.redshiftData(), config.redshift()));
            Deadline deadline = Deadline.after(TIME_BUDGET);
            out.println("warehouse: " + config.redshift().describe());
            if (statusOnly) {
                out.println("applied versions: " + migrator.appliedVersions(deadline));
                migrator.pending(deadline).forEach(m -> out.println("pending: V" + m.version() + " " + m.description()));
            } else {
                List<Migration> applied = migrator.migrate(deadline);
                applied.forEach(m -> out.println("applied: V" + m.version() + " " + m.description()));
                out.println(applied.isEmpty() ? "schema is up to date" : "schema migrated");
            }
            return 0;
        } catch (DataApiException e) {
            err.println("migration failed (" + e.kind() + "): " + e.getMessage());
            return 1;
        } catch (ConfigurationException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        }
    }
}
