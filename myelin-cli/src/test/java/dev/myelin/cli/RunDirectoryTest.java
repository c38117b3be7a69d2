package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A run directory says whether it is whole: INCOMPLETE from the start, summary.json last. Starting again there
 * removes the old summary, the old checkpoint and the temporary files a killed write left.
 */
class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aNewRunInAnOldDirectoryIsMarkedIncompleteUntilItsSummaryIsWritten() throws IOException {
        Files.writeString(dir.resolve(RunDirectory.SUMMARY), "{}");
        Files.writeString(dir.resolve(RunDirectory.CHECKPOINT), "old");
        Files.writeString(dir.resolve("curves.png"), "old plot");
        Path stale = Files.write(dir.resolve(".checkpoint.safetensors.8812731.tmp"), new byte[4096]);
        assertThat(RunDirectory.complete(dir)).isTrue();

        RunDirectory run = RunDirectory.begin(dir, List.of("--data", "moons"), 2);
        assertThat(RunDirectory.complete(dir))
                .as("an old summary must not make a new run look finished")
                .isFalse();
        assertThat(dir.resolve(RunDirectory.INCOMPLETE)).content().contains("myelin train --resume " + dir);
        assertThat(stale).doesNotExist();
        assertThat(dir.resolve(RunDirectory.CHECKPOINT)).doesNotExist();
        assertThat(RunDirectory.settings(dir)).isEqualTo(new RunDirectory.Settings(List.of("--data", "moons"), 2));

        Files.writeString(dir.resolve(RunDirectory.SUMMARY), "{}");
        run.finish();
        assertThat(RunDirectory.complete(dir)).isTrue();
    }

    @Test
    void badSettingsNameTheFile() throws IOException {
        Path settings = dir.resolve(RunDirectory.SETTINGS);
        for (String bad : new String[] {
            "not json",
            "[]",
            "{\"command\":\"train\",\"args\":[1],\"threads\":2}",
            "{\"command\":\"train\",\"args\":[],\"threads\":0}",
            "{\"command\":\"tune\",\"args\":[],\"threads\":1}"
        }) {
            Files.writeString(settings, bad);
            assertThatThrownBy(() -> RunDirectory.settings(dir))
                    .as(bad)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(settings.toString());
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_OUT)
    @ResourceLock(Resources.SYSTEM_ERR)
    void theCommandRemovesAKilledWritesTemporaryFile() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Path stale = Files.write(run.resolve(".model.safetensors.4242.tmp"), new byte[8192]);
        Cli.Result r = Cli.run(
                "train", "--data", "xor", "--epochs", "1", "--hidden", "4", "--no-plots", "--out", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(RunDirectory.complete(run)).isTrue();
    }
}
