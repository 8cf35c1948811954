package io.paydr.local.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.sam.LambdaEventJson;
import io.paydr.sam.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Local invoke hands the handler every sample in events/ exactly as Lambda would: the object it plans to invoke with
 * is the one the Lambda Java runtime's serializer makes of the file for the handler's parameter type (compared
 * through the runtime's own rendering), and no field of the file is lost on the way.
 */
class EventDeserialisationTest {

    static Stream<Path> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(RepoFiles.path("events"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("env.json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void theHandlerGetsTheEventTheRuntimeMakesOfTheFile(Path file) {
        InvocationPlan plan = LocalInvoke.plan(InvokeOptions.forEvent(file).withTemplate(RepoFiles.path("template.yaml")));
        Class<?> type = plan.handler().eventType();
        assertTrue(type.isInstance(plan.event()), plan.event().getClass() + " for " + type);
        Object asLambdaReadsIt = LambdaEventJson.readFile(file, type); // also: no field of the file is dropped
        assertEquals(LambdaEventJson.write(asLambdaReadsIt), LambdaEventJson.write(plan.event()));
    }
}
