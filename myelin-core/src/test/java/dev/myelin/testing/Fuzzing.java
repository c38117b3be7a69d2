package dev.myelin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the fuzz tests share: a scratch file per target (the readers take paths; a RAM-backed directory when the
 * machine has one), and the rule every reader's failure must follow, a one-line message naming the file.
 */
public final class Fuzzing {
    private static Path dir;

    private Fuzzing() {}

    /** {@code bytes} written to a scratch file named {@code name}, reused from one input to the next. */
    public static synchronized Path file(String name, byte[] bytes) {
        try {
            if (dir == null) {
                Path shm = Path.of("/dev/shm");
                dir = Files.isDirectory(shm) && Files.isWritable(shm)
                        ? Files.createTempDirectory(shm, "myelin-fuzz")
                        : Files.createTempDirectory("myelin-fuzz");
                dir.toFile().deleteOnExit();
            }
            Path f = dir.resolve(name);
            Files.write(f, bytes);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reader's refusal: a message on one line that names the file (the project's rule for bad input). */
    public static void assertCleanRefusal(Exception e, Path file) {
        String m = e.getMessage();
        assertThat(m).as("message of %s", e.getClass().getName()).isNotNull().doesNotContain("\n");
        assertThat(m).as("the message names the file").contains(file.toString());
    }
}
