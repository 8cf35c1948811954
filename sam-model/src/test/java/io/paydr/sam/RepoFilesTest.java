package io.paydr.sam;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tests run in the module directory; RepoFiles finds the repository root above it. */
class RepoFilesTest {

    @Test
    void findsTheRepositoryRootAboveTheModule() {
        Path root = RepoFiles.root();
        assertTrue(Path.of("").toAbsolutePath().startsWith(root), root.toString());
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("devstack")),
                "the root holds the modules: " + root);
        assertEquals(root.resolve("template.yaml"), RepoFiles.path("template.yaml"));
    }
}
