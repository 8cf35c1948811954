package io.paydr.local.invoke;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (tests run in the module's directory): template.yaml, samconfig.toml, events/. */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml with events/ above " + Path.of("").toAbsolutePath());
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }
}
