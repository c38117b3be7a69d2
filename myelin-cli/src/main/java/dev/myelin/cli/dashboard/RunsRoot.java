package dev.myelin.cli.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs directory the dashboard shows, and the only way from a name in a request to a path: a run is a direct
 * subdirectory, a file is a direct regular file of a run, and each name is checked before it touches the file system
 * (no separators, no {@code ..}) and after (its real path still lies inside the root), so neither {@code ../} in
 * any encoding nor a symbolic link leads outside.
 */
final class RunsRoot {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");

    private final Path root;

    RunsRoot(Path root) throws IOException {
        if (!Files.isDirectory(root))
            throw new IOException(root + ": not a directory (give the directory that holds the runs)");
        this.root = root.toRealPath();
    }

    Path path() {
        return root;
    }

    /** Whether a name from a request may name a run or a file at all. */
    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /** The run directory called {@code name}, if it exists inside the root. */
    Optional<Path> run(String name) {
        if (!validName(name)) return Optional.empty();
        Path dir = root.resolve(name);
        try {
            if (!Files.isDirectory(dir)) return Optional.empty();
            Path real = dir.toRealPath();
            return real.getParent() != null && real.getParent().equals(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) { // deleted between the two checks
            return Optional.empty();
        }
    }

    /** The regular file {@code name} directly inside a run directory, if it is there (links are not followed). */
    static Optional<Path> file(Path run, String name) {
        if (!validName(name)) return Optional.empty();
        Path file = run.resolve(name);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(file) : Optional.empty();
    }

    /** The names of the run directories, sorted; a directory that vanishes while listed is left out. */
    List<String> runNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            children.forEach(p -> {
                String name = p.getFileName().toString();
                if (validName(name) && run(name).isPresent()) names.add(name);
            });
        }
        names.sort(null);
        return names;
    }
}
