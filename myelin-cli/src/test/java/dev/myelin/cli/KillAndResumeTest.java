package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code myelin train --checkpoint-every} killed with SIGKILL at random moments (while training, while writing a
 * checkpoint, while writing plots or the summary), resumed with {@code --resume} each time, ends with the same
 * model file, byte for byte, as a run that was never stopped.
 */
class KillAndResumeTest {
    @TempDir
    Path dir;

    private static final List<String> ARGS = List.of(
            "train",
            "--data",
            "moons",
            "--hidden",
            "32,32",
            "--epochs",
            "5",
            "--batch-size",
            "8",
            "--lr",
            "0.01",
            "--dropout",
            "0.1",
            "--val-fraction",
            "0.1",
            "--seed",
            "3",
            "--threads",
            "2",
            "--no-progress",
            "--checkpoint-every",
            "7steps");

    @Test
    void aRunKilledAtRandomMomentsAndResumedEndsWithTheSameModelBytes() throws Exception {
        Path reference = dir.resolve("reference");
        long start = System.nanoTime();
        assertThat(myelin(command(reference)).waitFor()).as(this::logs).isZero();
        long runMillis = (System.nanoTime() - start) / 1_000_000;

        Path run = dir.resolve("killed");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> log = new ArrayList<>();
        for (int kill = 0; kill < 5; kill++) {
            // a killed run with no run.json yet (the JVM was still starting) is simply started again
            List<String> cmd = Files.exists(run.resolve(RunDirectory.SETTINGS))
                    ? List.of("train", "--resume", run.toString())
                    : command(run);
            long delay = 200 + (long) (random.nextDouble() * runMillis * 0.6);
            Process p = myelin(cmd);
            boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                p.waitFor();
            }
            log.add((cmd.contains("--resume") ? "resume" : "start")
                    + (finished ? " finished (exit " + p.exitValue() + ")" : " killed after " + delay + " ms"));
        }
        assertThat(myelin(List.of("train", "--resume", run.toString())).waitFor())
                .as(() -> "seed " + seed + ": " + log + "\n" + logs())
                .isZero();

        assertThat(Files.readAllBytes(run.resolve("model.safetensors")))
                .as("seed %d: %s", seed, log)
                .isEqualTo(Files.readAllBytes(reference.resolve("model.safetensors")));
        assertThat(run.resolve(RunDirectory.SUMMARY)).exists();
        assertThat(run.resolve(RunDirectory.INCOMPLETE)).doesNotExist();
        try (var files = Files.list(run)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary files are left")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
        System.out.println("kill and resume, seed " + seed + ": " + log);
    }

    /** What the runs printed, for a failure's message. */
    private String logs() {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("log-"))
                    .sorted()
                    .toList())
                sb.append(f.getFileName())
                        .append(":\n")
                        .append(Files.readString(f))
                        .append('\n');
        } catch (IOException e) {
            sb.append(e);
        }
        return sb.toString();
    }

    private static List<String> command(Path out) {
        List<String> cmd = new ArrayList<>(ARGS);
        cmd.add("--out");
        cmd.add(out.toString());
        return cmd;
    }

    /** The CLI in a new JVM: this test JVM's java and class path. */
    private Process myelin(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log-" + System.nanoTime() + ".txt").toFile())
                .start();
    }
}
