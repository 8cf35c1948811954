package io.paydr.ingest.template;

import io.paydr.sam.CfnTemplate;
import io.paydr.sam.RepoFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function's environment in every deployment follows the table in docs/interfaces.md: required
 * variables set, exactly one warehouse target, drain-only variables only in drain mode, endpoint overrides
 * only for sam local against devstack, nothing the page does not name.
 */
class EnvironmentContractTest {

    /** One row of the "Ingest function environment" table. */
    record Row(List<String> names, String requirement) {
    }

    private static final CfnTemplate TEMPLATE = CfnTemplate.read(RepoFiles.path("template.yaml"));
    private static final Pattern ROW = Pattern.compile("^\\| (`[A-Z0-9_]+`(?: / `[A-Z0-9_]+`)*) \\| ([^|]+) \\|");
    private static final Pattern NAME = Pattern.compile("`([A-Z0-9_]+)`");
    static final Set<String> ENDPOINT_VARIABLES = Set.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS",
            "AWS_ENDPOINT_URL_REDSHIFT_DATA", "PAYDR_S3_PATH_STYLE");

    static List<Deployments.Named> deployments() {
        return Deployments.all();
    }

    static List<Row> interfaceTable() throws IOException {
        String page = Files.readString(RepoFiles.path("docs/interfaces.md"));
        String section = page.substring(page.indexOf("## Ingest function environment"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        List<Row> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                List<String> names = NAME.matcher(row.group(1)).results().map(m -> m.group(1)).toList();
                rows.add(new Row(names, row.group(2).strip()));
            }
        }
        assertTrue(rows.size() >= 10, "could not read the environment table of docs/interfaces.md: " + rows);
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void functionEnvironmentFollowsTheInterfacePage(Deployments.Named named) throws IOException {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, Object> env = TemplateSecurityReview.environment(TemplateWiringTest.consumer(deployment));
        boolean drain = deployment.parameter("ConsumerMode").equals("scheduled");
        List<String> documented = new ArrayList<>(ENDPOINT_VARIABLES);
        for (Row row : interfaceTable()) {
            documented.addAll(row.names());
            long set = row.names().stream().filter(env::containsKey).count();
            String requirement = row.requirement();
            if (requirement.equals("yes")) {
                assertEquals(row.names().size(), set, row + " must be set");
            } else if (requirement.startsWith("exactly one")) {
                assertEquals(1, set, row + ": exactly one must be set, got " + env.keySet());
            } else if (requirement.startsWith("one")) {
                assertTrue(set >= 1, row + ": one must be set");
            } else if (requirement.startsWith("drain mode only")) {
                assertEquals(drain ? row.names().size() : 0, set, row + " belongs to drain mode only");
            } else {
                assertTrue(requirement.startsWith("no"), "unknown requirement in docs/interfaces.md: " + row);
            }
        }
        assertTrue(documented.containsAll(env.keySet()), "variables docs/interfaces.md does not name: "
                + env.keySet().stream().filter(v -> !documented.contains(v)).toList());
        boolean devstack = deployment.parameter("LocalEndpoints").equals("devstack");
        ENDPOINT_VARIABLES.forEach(v -> assertEquals(devstack, env.containsKey(v), v + " is for sam local against devstack only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void environmentValuesComeFromThisRegionsParameters(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, Object> env = TemplateSecurityReview.environment(TemplateWiringTest.consumer(deployment));
        String own = deployment.parameter("PayloadBucketName");
        String peer = deployment.parameter("PeerBucketName");
        assertEquals(deployment.parameter("RegionRole"), env.get("REGION_ROLE"));
        assertEquals(own + "," + peer, env.get("ALLOWED_BUCKETS"));
        assertEquals(deployment.parameter("RegionRole").equals("secondary") ? peer + "=" + own : null, env.get("REPLICA_BUCKETS"),
                "the secondary reads the primary's payloads from its own replica first");
        assertEquals(deployment.parameter("RedshiftSecretArn"), env.get("REDSHIFT_SECRET_ARN"));
        assertFalse(env.containsKey("AWS_REGION"), "Lambda sets AWS_REGION itself (reserved)");
        assertEquals("${PayloadBucket}", PolicyStatement.text(env.get("STAGING_BUCKET")),
                "COPY reads only what the function staged in its own Region");
        if (env.containsKey("QUEUE_URL")) {
            assertEquals("${IngestQueue}", PolicyStatement.text(env.get("QUEUE_URL")));
        }
    }
}
