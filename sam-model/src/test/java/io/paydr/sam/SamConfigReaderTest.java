package io.paydr.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** samconfig.toml through the TOML parser: tables, overrides in both forms, a command's table over global. */
class SamConfigReaderTest {

    @Test
    void readsEveryTableWithItsSettingsAndOverrides(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("samconfig.toml");
        Files.writeString(file, """
                version = 0.1
                [dev.global.parameters]  # shared by every command
                region = "us-west-2"
                parameter_overrides = "RegionRole=secondary PeerRegion=us-east-1"
                [dev.local_invoke.parameters]
                env_vars = "env/dev.json"
                confirm_changeset = false
                parameter_overrides = [
                  "RegionRole=primary",  # a comment inside the array
                  "Text=a \\"quoted\\" value",
                ]
                [secondary-bootstrap.deploy.parameters]
                capabilities = ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"]
                """);
        SamConfig config = SamConfig.read(file);
        assertEquals(List.of("dev.global", "dev.local_invoke", "secondary-bootstrap.deploy"),
                config.tables().stream().map(t -> t.environment() + "." + t.command()).toList());
        assertEquals(Map.of("RegionRole", "secondary", "PeerRegion", "us-east-1"),
                config.table("dev", "global").parameterOverrides());
        SamConfig.Table local = config.forCommand("dev", "local_invoke").orElseThrow();
        assertEquals(Map.of("RegionRole", "primary", "Text", "a \"quoted\" value"), local.parameterOverrides(),
                "the command's table wins over global");
        assertEquals("us-west-2", local.settings().get("region"));
        assertEquals("false", local.settings().get("confirm_changeset"));
        assertEquals("CAPABILITY_IAM CAPABILITY_AUTO_EXPAND",
                config.table("secondary-bootstrap", "deploy").settings().get("capabilities"));
        assertTrue(config.forCommand("staging", "deploy").isEmpty());
    }

    @Test
    void readsTheRepositorysFile() {
        SamConfig config = SamConfig.repository();
        assertEquals("us-east-1", config.table("primary", "deploy").settings().get("region"));
        assertEquals("primary", config.table("primary", "deploy").parameterOverrides().get("RegionRole"));
    }
}
