package dev.myelin.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Runs directories for the dashboard's tests: real runs written by {@code myelin train} and {@code myelin tune} (so
 * the dashboard is tested on the files the commands write), a run still training (run.json, INCOMPLETE and a
 * history.csv a test appends epochs to) and as many generated finished runs as a test wants.
 */
final class FixtureRuns {
    static final String TRAINED = "moons-trained", TUNED = "moons-tuned", LIVE = "live";
    /** history.csv's header as History writes it for the default step. */
    static final String HEADER = "epoch,loss,total_error,metric,val_loss,val_metric,lr,seconds,samples_per_second";

    private FixtureRuns() {}

    /** A trained run and a finished search, each by the real command. */
    static void realRuns(Path root) {
        assertThat(Main.run(
                        "train",
                        "--data",
                        "moons",
                        "--epochs",
                        "3",
                        "--val-fraction",
                        "0.2",
                        "--no-progress",
                        "--out",
                        root.resolve(TRAINED).toString()))
                .isZero();
        assertThat(Main.run(
                        "tune",
                        "--data",
                        "moons",
                        "--trials",
                        "3",
                        "--epochs",
                        "2",
                        "--width",
                        "8,32",
                        "--lr",
                        "1e-3:1e-1",
                        "--strategy",
                        "random",
                        "--out",
                        root.resolve(TUNED).toString()))
                .isZero();
    }

    /** A run in the middle of training: its settings, the INCOMPLETE marker and {@code epochs} epochs of history. */
    static Path liveRun(Path root, int epochs) throws IOException {
        Path dir = Files.createDirectories(root.resolve(LIVE));
        Files.writeString(
                dir.resolve("run.json"),
                "{\"command\": \"train\", \"args\": [\"--data\", \"moons\", \"--epochs\", \"50\"], \"threads\": 1}\n");
        Files.writeString(dir.resolve("INCOMPLETE"), "This run has not finished.\n");
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int e = 1; e <= epochs; e++) csv.append(epochLine(e));
        Files.writeString(dir.resolve("history.csv"), csv);
        return dir;
    }

    /** Appends one epoch to a run's history.csv, as a trainer's next epoch does. */
    static void appendEpoch(Path run, int epoch) throws IOException {
        Files.writeString(run.resolve("history.csv"), epochLine(epoch), StandardOpenOption.APPEND);
    }

    static String epochLine(int e) {
        double loss = 1.0 / (1 + e);
        return String.format(
                Locale.ROOT,
                "%d,%.6f,%.3f,%.4f,%.6f,%.4f,0.001,0.5,1600%n",
                e,
                loss,
                loss * 800,
                1 - loss / 2,
                loss * 1.1,
                1 - loss / 1.8);
    }

    /** {@code n} finished runs named run-000, run-001, ... with settings, a summary and ten epochs of history. */
    static void manyRuns(Path root, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Path dir = Files.createDirectories(root.resolve(String.format(Locale.ROOT, "run-%03d", i)));
            double lr = 1e-3 * (1 + i % 10);
            Files.writeString(
                    dir.resolve("run.json"),
                    "{\"command\": \"train\", \"args\": [\"--data\", \"moons\"], \"threads\": 1}\n");
            StringBuilder csv = new StringBuilder(HEADER).append('\n');
            for (int e = 1; e <= 10; e++) csv.append(epochLine(e + i % 7));
            Files.writeString(dir.resolve("history.csv"), csv);
            Files.writeString(
                    dir.resolve("summary.json"),
                    String.format(Locale.ROOT, """
                    {"data": "moons", "task": "classification",
                     "test": {"loss": %.4f, "accuracy": %.4f, "macro_f1": 0.8, "confusion_matrix": [[90, 10], [8, 92]], "classes": ["0", "1"]},
                     "epochs_run": 10, "best_epoch": -1, "stop_reason": null, "train_seconds": 1.5,
                     "settings": {"model": "mlp", "hidden": [32, 32], "optimizer": "adam", "lr": %s, "batch_size": 128, "epochs": 10, "seed": %d}}
                    """, 0.3 - i * 1e-4, 0.85 + (i % 13) / 100.0, lr, i));
        }
    }
}
