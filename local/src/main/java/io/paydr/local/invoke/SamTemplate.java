package io.paydr.local.invoke;

import io.paydr.sam.CfnResolver;
import io.paydr.sam.CfnTemplate;
import io.paydr.sam.CfnYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A SAM template as {@code sam local invoke} reads it: its functions, and its values as resolved on devstack. */
final class SamTemplate {

    /** The account every devstack ARN uses. */
    static final String DEVSTACK_ACCOUNT = "000000000000";
    /** Lambda's default when a function declares no Timeout. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final Path file;
    private final CfnTemplate template;

    private SamTemplate(Path file, CfnTemplate template) {
        this.file = file;
        this.template = template;
    }

    static SamTemplate load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InvokeException.usage("template " + file + " does not exist (--template)");
        }
        try {
            return new SamTemplate(file, CfnTemplate.read(file));
        } catch (UncheckedIOException e) {
            throw InvokeException.usage("cannot read template " + file + ": " + e.getCause().getMessage());
        }
    }

    /** The template.yaml built into this module: what the local pipeline configures its functions from. */
    static SamTemplate bundled() {
        try (InputStream in = SamTemplate.class.getResourceAsStream("/io/paydr/local/template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not on the classpath of paydr-local");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new SamTemplate(Path.of("template.yaml"), CfnTemplate.parse(yaml, "template.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled template.yaml", e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * Resolves to plain values as sam local does in {@code region}: parameters from the overrides or their Default,
     * pseudo parameters of devstack's account; what needs a deployed stack raises {@link CfnResolver.Unresolvable}.
     */
    CfnResolver values(Map<String, String> overrides, String region) {
        Map<String, String> values = new LinkedHashMap<>(template.parameterValues(overrides));
        values.putAll(Map.of("AWS::Region", region, "AWS::AccountId", DEVSTACK_ACCOUNT, "AWS::Partition", "aws"));
        return CfnResolver.concrete(template, values);
    }

    /** Logical ids of the template's functions, in template order. */
    List<String> functionIds() {
        return template.resources().keySet().stream()
                .filter(id -> CfnTemplate.SERVERLESS_FUNCTION.equals(template.type(id))).toList();
    }

    /** The function's properties with SAM's Globals.Function merged in, still unresolved. */
    Map<String, Object> functionProperties(String id) {
        if (!template.resources().containsKey(id) || !CfnTemplate.SERVERLESS_FUNCTION.equals(template.type(id))) {
            throw InvokeException.usage("unknown function '" + id + "': " + file + " defines " + functionIds());
        }
        return template.properties(id);
    }

    /** The function's Environment.Variables (Globals merged), still unresolved. */
    Map<String, Object> environmentVariables(String id) {
        return CfnTemplate.environmentVariables(functionProperties(id), id);
    }

    /** The event source types of a function ({@code SQS}, {@code Schedule}, ...). */
    Set<String> eventTypes(String id) {
        Set<String> types = new LinkedHashSet<>();
        Object events = functionProperties(id).get("Events");
        if (events != null) {
            CfnYaml.asMap(events, id + ".Events").values()
                    .forEach(e -> types.add(String.valueOf(CfnYaml.asMap(e, id + " event").get("Type"))));
        }
        return types;
    }

    Duration timeout(String id, CfnResolver values) {
        Object timeout = functionProperties(id).get("Timeout");
        return timeout == null ? DEFAULT_TIMEOUT : Duration.ofSeconds(Long.parseLong(values.string(timeout)));
    }
}
