package dev.myelin.cli;

import static dev.myelin.cli.BadInputTest.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.data.sequence.CharVocabulary;
import dev.myelin.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * {@code --model rnn|lstm|gru} end to end on tiny data: images as sequences of rows, windows of a CSV time series,
 * character-level text, the names demo, and the messages for flags and data that do not fit.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class RecurrentCommandTest {
    @TempDir
    Path dir;

    private static JsonNode summary(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    }

    @Test
    void imagesAreSequencesOfRowsAndTheModelFileEvaluates() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("blobs"), 160, 40);
        Path run = dir.resolve("gru");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "idx:" + data,
                "--model",
                "gru",
                "--epochs",
                "2",
                "--batch-size",
                "32",
                "--seed",
                "1",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // GRU(10, 128): 3 gates x (10x128 + 128x128 + 2x128), then Linear(128, 10)
        assertThat(summary(run).get("parameters").asInt())
                .isEqualTo(3 * (10 * 128 + 128 * 128 + 2 * 128) + 128 * 10 + 10);
        for (String f : List.of("model.safetensors", "curves.png", "confusion.png", "samples.png"))
            assertThat(run.resolve(f)).as(f).isNotEmptyFile();
        Cli.Result eval = Cli.run("eval", run.resolve("model.safetensors").toString(), "--data", "idx:" + data);
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("accuracy");
    }

    @Test
    void hiddenLayersAndDirectionsSizeTheRecurrentLayer() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("blobs"), 64, 16);
        Path run = dir.resolve("bilstm");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "idx:" + data,
                "--model",
                "lstm",
                "--hidden",
                "16",
                "--layers",
                "2",
                "--bidirectional",
                "--dropout",
                "0.1",
                "--epochs",
                "1",
                "--no-plots",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        int layer0 = 2 * 4 * (10 * 16 + 16 * 16 + 2 * 16),
                layer1 = 2 * 4 * (32 * 16 + 16 * 16 + 2 * 16),
                fc = 32 * 10 + 10;
        assertThat(summary(run).get("parameters").asInt()).isEqualTo(layer0 + layer1 + fc);
    }

    @Test
    void windowsOfASeriesForecastItsNextValues() throws IOException {
        int rows = 240;
        double[] y = new double[rows];
        StringBuilder csv = new StringBuilder("hour,load\n");
        for (int t = 0; t < rows; t++) {
            y[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 12) + ((t * 7919) % 13) / 13.0;
            csv.append(String.format(Locale.ROOT, "2010/01/%02d %02d:00,%.3f%n", 1 + t / 24, t % 24, y[t]));
        }
        Path file = Files.writeString(dir.resolve("load.csv"), csv);
        Path run = dir.resolve("series");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "csv:" + file,
                "--label",
                "load",
                "--window",
                "12",
                "--horizon",
                "2",
                "--model",
                "lstm",
                "--hidden",
                "8",
                "--epochs",
                "2",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("data csv:" + file + ": 179 train, 0 validation, 47 test examples, 12 features")
                .contains("forecast of load, 2 steps ahead: test RMSE");
        assertThat(run.resolve("forecast.png")).isNotEmptyFile();
        // the baseline: the last value of each test window (rows 180.. as inputs, targets from row 192 on) for both
        // steps
        double se = 0;
        for (int j = 180; j + 13 < rows; j++)
            for (int k = 12; k <= 13; k++) se += (y[j + 11] - y[j + k]) * (y[j + 11] - y[j + k]);
        JsonNode forecast = summary(run).get("forecast");
        assertThat(forecast.get("last_value_rmse").asDouble()).isCloseTo(Math.sqrt(se / (47 * 2)), within(1e-3));
        assertThat(forecast.get("rmse").asDouble()).isFinite().isPositive();
        assertThat(summary(run).get("settings").get("horizon").asInt()).isEqualTo(2);
        assertUserError(
                Cli.run(
                        "eval",
                        run.resolve("model.safetensors").toString(),
                        "--data",
                        "csv:" + file,
                        "--label",
                        "load"),
                "model.safetensors was trained on windows of a time series, which myelin eval does not read");
    }

    @Test
    void textTrainsOnCharacterWindowsAndWritesSamplesEachEpoch() throws IOException {
        Path file = Files.writeString(
                dir.resolve("poem.txt"), "the cat sat on the mat.\nthe dog sat on the log.\n".repeat(30));
        Path run = dir.resolve("text");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "text:" + file,
                "--model",
                "lstm",
                "--window",
                "16",
                "--hidden",
                "16",
                "--epochs",
                "2",
                "--subset",
                "256",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String samples = Files.readString(run.resolve("samples.txt"));
        assertThat(samples).contains("epoch 1 (temperature 0.8), after \"").contains("epoch 2 (temperature 0.8)");
        ModelFile.Loaded model = ModelFile.load(run.resolve("model.safetensors"));
        assertThat(CharVocabulary.fromSymbols(model.metadata().get("myelin.vocabulary"))
                        .symbols())
                .isEqualTo("\n .acdeghlmnost");
        assertThat(summary(run).get("test").get("classes").get(0).asText()).isEqualTo("\\n");
    }

    @Test
    void namesDemoBeatsTheBigramOnHeldOutWordsOfAGivenList() throws IOException {
        Path words = Files.write(dir.resolve("words.txt"), NamesDemo.builtInWords());
        Cli.Result r = Cli.run(
                "demo",
                "names",
                "--words",
                words.toString(),
                "--out",
                dir.resolve("names").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("words from " + words)
                .contains("137 words for training, 15 held out")
                .contains("character bigram")
                .contains("the LSTM predicts held-out words better than the bigram model")
                .contains("new words at temperature 0.8");
        assertThat(dir.resolve("names").resolve("samples.txt")).isNotEmptyFile();
        assertThat(NamesDemo.builtInWords()).hasSize(152).allMatch(w -> w.matches("[a-z]+"));
    }

    @Test
    void flagsAndDataThatDoNotFitAreRefusedInOneLine() throws IOException {
        String out = dir.resolve("r").toString();
        assertUserError(
                Cli.run("train", "--data", "moons", "--model", "lstm", "--no-plots", "--out", out),
                "--model lstm needs sequence data: images (rows as steps), csv:FILE with --window or text:FILE; moons has rows of 2 features");
        assertUserError(
                Cli.run("train", "--data", "moons", "--layers", "2", "--no-plots", "--out", out),
                "--layers sizes --model rnn, lstm, gru or transformer only; mlp has no recurrent or attention layers");
        assertUserError(
                Cli.run("train", "--data", "moons", "--model", "cnn", "--bidirectional", "--no-plots", "--out", out),
                "--bidirectional sizes --model rnn, lstm or gru only");
        Path images = TestFiles.idxDirectory(dir.resolve("blobs"), 32, 8);
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "idx:" + images,
                        "--model",
                        "lstm",
                        "--hidden",
                        "64,32",
                        "--no-plots",
                        "--out",
                        out),
                "--hidden: --model lstm takes one width (the units of every layer), got [64, 32]");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "idx:" + images,
                        "--model",
                        "rnn",
                        "--dropout",
                        "0.2",
                        "--no-plots",
                        "--out",
                        out),
                "--dropout acts between the layers of --model rnn; with --layers 1 it would change nothing");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "idx:" + images,
                        "--model",
                        "gru",
                        "--activation",
                        "tanh",
                        "--no-plots",
                        "--out",
                        out),
                "--activation shapes --model mlp only; gru has its own layers");
        assertUserError(
                Cli.run("train", "--data", "moons", "--window", "4", "--no-plots", "--out", out),
                "--window applies to csv: and text: data; moons has its own examples");
        Path series = Files.writeString(dir.resolve("s.csv"), "t,v\n1,2\n2,3\n3,4\n4,5\n5,6\n");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "csv:" + series,
                        "--label",
                        "v",
                        "--horizon",
                        "2",
                        "--no-plots",
                        "--out",
                        out),
                "--horizon applies to csv: data with --window");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "csv:" + series,
                        "--label",
                        "v",
                        "--window",
                        "4",
                        "--no-plots",
                        "--out",
                        out),
                "has 5 rows, too few for --window 4 and --horizon 1");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "csv:" + series,
                        "--label",
                        "t",
                        "--window",
                        "2",
                        "--model",
                        "lenet",
                        "--no-plots",
                        "--out",
                        out),
                "--model lenet needs images",
                "windows of a time series");
        Path text = Files.writeString(dir.resolve("t.txt"), "abcabcabc".repeat(20));
        assertUserError(
                Cli.run("train", "--data", "text:" + text, "--window", "9", "--no-plots", "--out", out),
                "--model mlp cannot read text:" + text + ": its rows are character ids");
    }

    @Test
    void aSequenceOfTheWrongFeatureSizeNamesTheLayerAndBothSizes() throws IOException {
        Path images = TestFiles.idxDirectory(dir.resolve("blobs"), 32, 8);
        Path spec = Files.writeString(
                dir.resolve("lstm.json"),
                BuiltinModels.recurrent("lstm", 10, 10, 0, RecurrentShape.DEFAULT, 10)
                        .replace("\"inputSize\" : 10", "\"inputSize\" : 9"));
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "idx:" + images,
                        "--model",
                        spec.toString(),
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--model " + spec + " cannot take rows of 100 input features",
                "LSTM: input has 10 features per step, expected inputSize=9");
    }
}
