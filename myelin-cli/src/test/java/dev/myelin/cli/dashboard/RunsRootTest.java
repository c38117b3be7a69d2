package dev.myelin.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from requests lead only to run directories inside the root and to regular files directly in them. */
class RunsRootTest {
    @TempDir
    Path temp;

    @Test
    void namesWithSeparatorsDotsOrControlCharactersAreNoNames() {
        for (String bad : new String[] {
            "..", ".", "../x", "a/b", "a\\b", "..%2f", "%2e%2e", "", ".hidden", "a..b", "x\u0000", "x\n", "-rf"
        }) assertThat(RunsRoot.validName(bad)).as(bad).isFalse();
        for (String good : new String[] {"run-001", "moons_2024.05.01", "A", "samples-epoch-3.png"})
            assertThat(RunsRoot.validName(good)).as(good).isTrue();
        assertThat(RunsRoot.validName(null)).isFalse();
        assertThat(RunsRoot.validName("x".repeat(256))).isFalse();
    }

    @Test
    void runsAreDirectSubdirectoriesAndLinksOutAreNot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("runs"));
        Path run = Files.createDirectories(root.resolve("a"));
        Files.writeString(run.resolve("curves.png"), "png");
        Files.createDirectories(temp.resolve("outside"));
        Files.writeString(temp.resolve("outside").resolve("x.png"), "outside");
        Files.createSymbolicLink(root.resolve("out"), temp.resolve("outside"));
        Files.createSymbolicLink(
                run.resolve("link.png"), temp.resolve("outside").resolve("x.png"));
        Files.writeString(root.resolve("not-a-dir"), "");

        RunsRoot r = new RunsRoot(root);
        assertThat(r.runNames()).containsExactly("a");
        assertThat(r.run("a")).isPresent();
        assertThat(r.run("out")).isEmpty();
        assertThat(r.run("not-a-dir")).isEmpty();
        assertThat(r.run("..")).isEmpty();
        assertThat(RunsRoot.file(run, "curves.png")).isPresent();
        assertThat(RunsRoot.file(run, "link.png")).isEmpty();
        assertThat(RunsRoot.file(run, "missing.png")).isEmpty();
    }
}
