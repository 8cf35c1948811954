package io.paydr.local.invoke;

import io.paydr.sam.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** samconfig.toml as sam local invoke --config-env reads it. */
class SamConfigFileTest {

    @Test
    void theRepositorysDevstackEnvironments() {
        SamConfigFile devstack = SamConfigFile.read(RepoFiles.path("samconfig.toml"), "devstack", true);
        assertEquals("devstack", devstack.parameterOverrides().get("LocalEndpoints"));
        assertEquals("event", devstack.parameterOverrides().get("ConsumerMode"));
        assertEquals(Optional.of("events/env.json"), devstack.envVars());
        assertEquals(Optional.of("us-east-1"), devstack.region());
        SamConfigFile drain = SamConfigFile.read(RepoFiles.path("samconfig.toml"), "devstack-drain", true);
        assertEquals("scheduled", drain.parameterOverrides().get("ConsumerMode"));
    }

    @Test
    void localInvokeSettingsOverGlobal(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("samconfig.toml");
        Files.writeString(file, """
                [qa.global.parameters]
                region = "us-west-2"
                env_vars = "env/global.json"
                [qa.local_invoke.parameters]
                env_vars = "env/qa.json"
                parameter_overrides = "RegionRole=secondary"
                """);
        SamConfigFile qa = SamConfigFile.read(file, "qa", true);
        assertEquals(Map.of("RegionRole", "secondary"), qa.parameterOverrides());
        assertEquals(Optional.of("us-west-2"), qa.region(), "from global");
        assertEquals(Optional.of("env/qa.json"), qa.envVars(), "local_invoke wins");
    }

    @Test
    void anEnvironmentNamedButAbsentIsAUsageErrorAndOtherwiseNoOverrides(@TempDir Path dir) {
        InvokeException e = assertThrows(InvokeException.class,
                () -> SamConfigFile.read(RepoFiles.path("samconfig.toml"), "staging", true));
        assertTrue(e.getMessage().contains("[staging.local_invoke.parameters]"), e.getMessage());
        assertEquals(SamConfigFile.NONE, SamConfigFile.read(dir.resolve("samconfig.toml"), "devstack", false));
        assertThrows(InvokeException.class, () -> SamConfigFile.read(dir.resolve("samconfig.toml"), "devstack", true));
    }
}
