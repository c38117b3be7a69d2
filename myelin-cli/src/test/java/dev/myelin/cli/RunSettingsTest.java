package dev.myelin.cli;

import static dev.myelin.cli.BadInputTest.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.train.spec.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and tune take the run settings from the same flags (RunOptions → core's RunSpec), with the same meaning. */
class RunSettingsTest {
    @TempDir
    Path dir;

    private Cli.Result train(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "train",
                "--no-plots",
                "--no-progress",
                "--out",
                dir.resolve("train").toString(),
                "--data",
                "moons"));
        all.addAll(Arrays.asList(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private Cli.Result tune(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "tune", "--no-plots", "--out", dir.resolve("tune").toString(), "--data", "moons", "--trials", "1"));
        all.addAll(Arrays.asList(args));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void theFlagsDefaultsAreCoresRunSpecDefaults() {
        TrainCommand train = new TrainCommand();
        new picocli.CommandLine(train).parseArgs("--data", "moons");
        RunSpec d = RunSpec.DEFAULTS;
        assertThat(train.run.spec())
                .isEqualTo(new RunSpec(
                        "moons",
                        d.label(),
                        d.task(),
                        d.subset(),
                        d.valFraction(),
                        d.epochs(),
                        d.accumulate(),
                        d.clipGradNorm(),
                        d.earlyStopping(),
                        d.lrSchedule(),
                        d.warmup(),
                        d.seed(),
                        d.threads()));
        // tune: shorter trials and a validation part, the rest as train
        TuneCommand tune = new TuneCommand();
        new picocli.CommandLine(tune).parseArgs("--data", "moons");
        assertThat(tune.run.spec())
                .isEqualTo(new RunSpec(
                        "moons",
                        d.label(),
                        d.task(),
                        d.subset(),
                        0.2,
                        5,
                        d.accumulate(),
                        d.clipGradNorm(),
                        d.earlyStopping(),
                        d.lrSchedule(),
                        d.warmup(),
                        d.seed(),
                        d.threads()));
    }

    @Test
    void anInvalidRunSettingGetsTheSameMessageFromBothCommands() {
        String[][] cases = {
            {"--epochs", "0", "--epochs must be >= 1, got 0"},
            {"--val-fraction", "1.5", "--val-fraction must be in [0, 1), got 1.5"},
            {"--threads", "0", "--threads must be in [1, 1024], got 0"},
            {"--subset", "0", "--subset must be >= 1, got 0"},
            {"--accumulate", "0", "--accumulate must be >= 1 batch, got 0"},
            {"--clip-grad-norm", "-1", "--clip-grad-norm must be a finite number >= 0 (0 = off), got -1.0"},
            {"--early-stopping", "-1", "--early-stopping must be >= 0 epochs, got -1"},
            {"--lr-schedule", "step", "--lr-schedule: unknown 'step'; use constant or cosine"},
            {"--warmup", "-3", "--warmup must be >= 0 steps, got -3"},
            {"--label", "y", "--label applies to csv: data only; moons has its own labels"},
        };
        for (String[] c : cases) {
            Cli.Result t = train(c[0], c[1]), u = tune(c[0], c[1]);
            assertUserError(t, c[2]);
            assertUserError(u, c[2]);
            assertThat(u.errLines()).as(c[0]).isEqualTo(t.errLines());
        }
        // tune needs a validation part to score its trials on
        assertUserError(tune("--val-fraction", "0"), "--val-fraction must be in (0, 1) for tune", "got 0.0");
    }

    private static int[] counts(String out, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    @Test
    void tuneTrainsItsTrialsOnTheRowsAndSettingsTrainUses() throws Exception {
        String[] shared = {
            "--subset",
            "200",
            "--val-fraction",
            "0.3",
            "--threads",
            "1",
            "--accumulate",
            "2",
            "--clip-grad-norm",
            "1",
            "--early-stopping",
            "3",
            "--seed",
            "5",
            "--epochs",
            "2"
        };
        Cli.Result t = train(shared);
        assertThat(t.exitCode()).as(t.err()).isZero();
        List<String> tuneArgs = new ArrayList<>(Arrays.asList(shared));
        tuneArgs.addAll(List.of("--hidden", "8", "--lr", "0.01", "--batch-size", "32"));
        Cli.Result u = tune(tuneArgs.toArray(String[]::new));
        assertThat(u.exitCode()).as(u.err()).isZero();

        // the same subset, test and validation cut: 200 rows, 40 test, 48 validation, 112 training
        int[] trainCounts = counts(t.out(), "(\\d+) train, (\\d+) validation");
        assertThat(counts(u.out(), "(\\d+) train, (\\d+) validation")).containsExactly(trainCounts);
        assertThat(trainCounts).containsExactly(112, 48);
        assertThat(u.out()).contains("of 2 epochs, 1 x 1 threads"); // --threads is the trial's thread count

        ObjectMapper m = new ObjectMapper();
        JsonNode trainSettings =
                m.readTree(dir.resolve("train/summary.json").toFile()).get("settings");
        JsonNode tuneSettings = m.readTree(dir.resolve("tune/tune.json").toFile());
        for (String key : List.of("accumulate", "clip_grad_norm", "early_stopping_patience", "seed", "epochs"))
            assertThat(tuneSettings.get(key)).as(key).isEqualTo(trainSettings.get(key));
        assertThat(tuneSettings.get("subset").asInt()).isEqualTo(200);
        assertThat(tuneSettings.get("val_fraction").asDouble()).isEqualTo(0.3);

        // and the best configuration's train command carries them back to train, which runs it
        String command = m.readTree(dir.resolve("tune/best.json").toFile())
                .get("train_command")
                .asText();
        assertThat(command)
                .startsWith("myelin train --data moons --subset 200 --hidden 8 ")
                .contains("--epochs 2 --accumulate 2 --clip-grad-norm 1.0 --early-stopping 3 --seed 5");
        List<String> again = new ArrayList<>(Arrays.asList(command.split(" ")).subList(1, command.split(" ").length));
        again.addAll(List.of(
                "--no-plots", "--no-progress", "--out", dir.resolve("again").toString()));
        Cli.Result rerun = Cli.run(again.toArray(String[]::new));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    }
}
