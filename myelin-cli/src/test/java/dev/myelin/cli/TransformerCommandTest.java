package dev.myelin.cli;

import static dev.myelin.cli.BadInputTest.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.io.ModelFile;
import dev.myelin.nn.Architecture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * {@code --model transformer}, the Transformer training flags ({@code --accumulate}, {@code --lr-schedule},
 * {@code --warmup}, {@code --clip-grad-norm}, adamw's decay groups) and {@code demo gpt}, end to end on tiny data,
 * and the messages for sizes and flags that do not fit.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class TransformerCommandTest {
    @TempDir
    Path dir;

    private static JsonNode summary(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    }

    @Test
    void imagesAreSequencesOfRowsAndTheModelFileEvaluatesAndPredicts() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("blobs"), 160, 40);
        Path run = dir.resolve("tfm");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "idx:" + data,
                "--model",
                "transformer",
                "--layers",
                "1",
                "--heads",
                "2",
                "--dim",
                "8",
                "--epochs",
                "2",
                "--batch-size",
                "32",
                "--seed",
                "1",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // Linear(10, 8), positions [10, 8], one layer: in_proj 3x8x8 + 24, out_proj 8x8 + 8, linear1 8x16 + 16, linear2
        // 16x8 + 8,
        // two norms 4x8; then Linear(8, 10)
        int layer = 3 * 8 * 8 + 24 + 8 * 8 + 8 + 8 * 16 + 16 + 16 * 8 + 8 + 4 * 8;
        assertThat(summary(run).get("parameters").asInt()).isEqualTo(10 * 8 + 8 + 10 * 8 + layer + 8 * 10 + 10);
        for (String f : List.of("model.safetensors", "curves.png", "confusion.png"))
            assertThat(run.resolve(f)).as(f).isNotEmptyFile();
        Path model = run.resolve("model.safetensors");
        assertThat(Architecture.toJson(ModelFile.load(model).model()))
                .contains("\"TransformerEncoder\"")
                .contains("\"LearnedPositionalEmbedding\"")
                .contains("\"Mean\"");
        Cli.Result eval = Cli.run("eval", model.toString(), "--data", "idx:" + data);
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out())
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "test accuracy %.4f",
                        summary(run).get("test").get("accuracy").asDouble()));
        Path csv = dir.resolve("p.csv");
        Cli.Result predict = Cli.run(
                "predict",
                model.toString(),
                "--input",
                data.resolve("t10k-images-idx3-ubyte").toString(),
                "--output",
                csv.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(41);
    }

    @Test
    void theDefaultsAreTwoLayersOfSixtyFourWithFourHeadsAndTheTrainingFlagsAreRecorded() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("blobs"), 64, 16);
        Path run = dir.resolve("tfm");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "idx:" + data,
                "--model",
                "transformer",
                "--epochs",
                "2",
                "--batch-size",
                "16",
                "--optimizer",
                "adamw",
                "--weight-decay",
                "0.1",
                "--lr-schedule",
                "cosine",
                "--warmup",
                "2",
                "--clip-grad-norm",
                "1",
                "--accumulate",
                "2",
                "--no-plots",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        int layer = 3 * 64 * 64 + 3 * 64 + 64 * 64 + 64 + 64 * 128 + 128 + 128 * 64 + 64 + 4 * 64;
        assertThat(summary(run).get("parameters").asInt()).isEqualTo(10 * 64 + 64 + 10 * 64 + 2 * layer + 64 * 10 + 10);
        String json = Architecture.toJson(
                ModelFile.load(run.resolve("model.safetensors")).model());
        assertThat(json)
                .contains("\"nhead\" : 4")
                .contains("\"dimFeedforward\" : 128")
                .contains("\"numLayers\" : 2")
                .contains("\"dropout\" : 0.1");
        JsonNode settings = summary(run).get("settings");
        assertThat(settings.get("lr_schedule").asText()).isEqualTo("cosine");
        assertThat(settings.get("warmup").asInt()).isEqualTo(2);
        assertThat(settings.get("accumulate").asInt()).isEqualTo(2);
        assertThat(settings.get("clip_grad_norm").asDouble()).isEqualTo(1.0);
        // 4 batches an epoch, 2 optimizer steps: the cosine reaches 0 at the 4th and last step, from lr 1e-3 after the
        // warm-up
        JsonNode history =
                new ObjectMapper().readTree(run.resolve("history.json").toFile());
        assertThat(history.toString()).contains("\"lr\"");
    }

    @Test
    void sizesAndTrainingFlagsThatDoNotFitAreRefusedInOneLine() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("blobs"), 32, 8);
        String out = dir.resolve("r").toString(), idx = "idx:" + data;
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        idx,
                        "--model",
                        "transformer",
                        "--heads",
                        "3",
                        "--dim",
                        "8",
                        "--no-plots",
                        "--out",
                        out),
                "--heads 3 does not divide --dim 8");
        assertUserError(
                Cli.run("train", "--data", idx, "--model", "transformer", "--layers", "0", "--no-plots", "--out", out),
                "--layers must be >= 1, got 0");
        assertUserError(
                Cli.run("train", "--data", idx, "--model", "lstm", "--heads", "2", "--no-plots", "--out", out),
                "--heads sizes --model transformer only; lstm has no attention layers");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        idx,
                        "--model",
                        "transformer",
                        "--bidirectional",
                        "--no-plots",
                        "--out",
                        out),
                "--bidirectional sizes --model rnn, lstm or gru only; transformer has no recurrent layers");
        assertUserError(
                Cli.run("train", "--data", idx, "--model", "transformer", "--hidden", "32", "--no-plots", "--out", out),
                "--hidden shapes --model mlp only; transformer has its own layers (--dim, --dropout, --heads, --layers size it)");
        assertUserError(
                Cli.run("train", "--data", "moons", "--dim", "32", "--no-plots", "--out", out),
                "--dim sizes --model transformer only; mlp has no attention layers");
        assertUserError(
                Cli.run("train", "--data", "moons", "--model", "transformer", "--no-plots", "--out", out),
                "--model transformer needs sequence data");
        assertUserError(
                Cli.run("train", "--data", "moons", "--accumulate", "0", "--no-plots", "--out", out),
                "--accumulate must be >= 1 batch, got 0");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--accumulate",
                        "2",
                        "--checkpoint-every",
                        "10steps",
                        "--no-plots",
                        "--out",
                        out),
                "--checkpoint-every 10steps with --accumulate 2");
        assertUserError(
                Cli.run("train", "--data", "moons", "--clip-grad-norm", "-1", "--no-plots", "--out", out),
                "--clip-grad-norm must be a finite number >= 0");
        assertUserError(
                Cli.run("train", "--data", "moons", "--lr-schedule", "linear", "--no-plots", "--out", out),
                "--lr-schedule: unknown 'linear'; use constant or cosine");
        assertUserError(
                Cli.run("train", "--data", "moons", "--warmup", "-3", "--no-plots", "--out", out),
                "--warmup must be >= 0 steps, got -3");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--lr-schedule",
                        "cosine",
                        "--warmup",
                        "1000",
                        "--epochs",
                        "1",
                        "--no-plots",
                        "--out",
                        out),
                "--warmup 1000 leaves no steps for the cosine decay");
    }

    @Test
    void gptDemoTrainsOnAQuotationFileSamplesFromThePromptAndDrawsTheAttention() throws IOException {
        Path text;
        try (InputStream in = FortuneText.class.getResourceAsStream("quotes.txt")) {
            text = Files.write(dir.resolve("quotes"), in.readAllBytes());
        }
        Path out = dir.resolve("gpt");
        Cli.Result r = Cli.run(
                "demo",
                "gpt",
                "--text",
                text.toString(),
                "--steps",
                "30",
                "--layers",
                "1",
                "--heads",
                "2",
                "--dim",
                "16",
                "--context",
                "16",
                "--batch-size",
                "8",
                "--length",
                "40",
                "--prompt",
                "The ",
                "--top-k",
                "5",
                "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("text from " + text)
                .contains("character bigram model: held-out loss")
                .contains("held-out loss per character (nats")
                .contains("sampled at temperature 0.8, top-k 5, from the prompt \"The \"");
        String samples = Files.readString(out.resolve("samples.txt"));
        assertThat(samples).contains("--- sample 1").contains("--- sample 3");
        assertThat(samples.lines().filter(l -> l.startsWith("The ")).count()).isEqualTo(3);
        assertThat(out.resolve("attention.png")).isNotEmptyFile();
        assertThat(FortuneText.split("a\n%\n\tb\u0008c\n%\n%\n")).containsExactly("a", "bc");
    }

    @Test
    void gptDemoRefusesSizesThatDoNotFit() throws IOException {
        Path text = Files.writeString(dir.resolve("q"), "one\n%\ntwo\n%\n");
        String out = dir.resolve("g").toString();
        assertUserError(
                Cli.run("demo", "gpt", "--heads", "3", "--dim", "16", "--out", out),
                "--heads 3 does not divide --dim 16");
        assertUserError(
                Cli.run("demo", "gpt", "--text", text.toString(), "--out", out),
                "the text is too short for --context 64");
        assertUserError(
                Cli.run("demo", "gpt", "--text", text.toString(), "--context", "2", "--prompt", "Z", "--out", out),
                "--prompt: the character 'Z' never occurs in the text");
        assertUserError(
                Cli.run("demo", "gpt", "--text", dir.resolve("missing").toString(), "--out", out),
                "--text",
                "no such file or directory");
        assertUserError(Cli.run("demo", "gpt", "--top-k", "-1", "--out", out), "--top-k must be >= 0");
    }
}
