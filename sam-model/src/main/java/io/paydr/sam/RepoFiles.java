package io.paydr.sam;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's files (template.yaml, samconfig.toml, events/) from a module directory, as tests run. */
public final class RepoFiles {

    private RepoFiles() {
    }

    /** The nearest directory above the working directory with template.yaml and events/ in it. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml with events/ beside it above " + Path.of("").toAbsolutePath());
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
