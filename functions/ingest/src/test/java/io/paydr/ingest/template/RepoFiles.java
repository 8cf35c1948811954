package io.paydr.ingest.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files at the repository root (template.yaml, samconfig.toml, events/) from the module directory. */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml with events/ beside it above " + Path.of("").toAbsolutePath());
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }
}
