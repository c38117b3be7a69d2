package dev.myelin.cli;

import static dev.myelin.cli.BadInputTest.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** {@code --model NAME|SPEC.json}: the built-in specs, and the messages for names, files and flags that do not fit. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ModelOptionTest {
    @TempDir
    Path dir;

    private static List<String> types(JsonNode spec) {
        List<String> t = new ArrayList<>();
        spec.get("layers").forEach(l -> t.add(l.get("type").asText()));
        return t;
    }

    @Test
    void cnnSpecIsTheIssuesNetworkOn28x28Images() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(BuiltinModels.spec("cnn", 1, 28, 28, 10));
        assertThat(spec.get("type").asText()).isEqualTo("Sequential");
        assertThat(types(spec))
                .containsExactly(
                        "Unflatten",
                        "Conv2d",
                        "ReLU",
                        "MaxPool2d",
                        "Conv2d",
                        "ReLU",
                        "MaxPool2d",
                        "Flatten",
                        "Linear",
                        "ReLU",
                        "Linear");
        JsonNode l = spec.get("layers");
        assertThat(l.get(0).get("sizes").toString()).isEqualTo("[1,28,28]");
        assertThat(l.get(1).toString())
                .isEqualTo("{\"type\":\"Conv2d\",\"inChannels\":1,\"outChannels\":32,\"kernelSize\":3,\"padding\":1}");
        assertThat(l.get(4).get("inChannels").asInt()).isEqualTo(32);
        assertThat(l.get(4).get("outChannels").asInt()).isEqualTo(64);
        assertThat(l.get(3).get("kernelSize").asInt()).isEqualTo(2);
        assertThat(l.get(8).get("in").asInt()).isEqualTo(3136); // 64 x 7 x 7
        assertThat(l.get(8).get("out").asInt()).isEqualTo(128);
        assertThat(l.get(10).get("out").asInt()).isEqualTo(10);
    }

    @Test
    void lenetSpecIsLeNet5WithReluOn28x28Images() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(BuiltinModels.spec("lenet", 1, 28, 28, 10));
        assertThat(types(spec))
                .containsExactly(
                        "Unflatten",
                        "Conv2d",
                        "ReLU",
                        "MaxPool2d",
                        "Conv2d",
                        "ReLU",
                        "MaxPool2d",
                        "Flatten",
                        "Linear",
                        "ReLU",
                        "Linear",
                        "ReLU",
                        "Linear");
        JsonNode l = spec.get("layers");
        assertThat(l.get(1).get("kernelSize").asInt()).isEqualTo(5);
        assertThat(l.get(1).get("padding").asInt()).isEqualTo(2);
        assertThat(l.get(4).get("padding").asInt()).isZero();
        assertThat(l.get(4).get("outChannels").asInt()).isEqualTo(16);
        assertThat(l.get(8).get("in").asInt()).isEqualTo(400); // 16 x 5 x 5
        assertThat(List.of(
                        l.get(8).get("out").asInt(),
                        l.get(10).get("out").asInt(),
                        l.get(12).get("out").asInt()))
                .containsExactly(120, 84, 10);
    }

    @Test
    void sizesFollowTheDataAndTooSmallImagesAreRefused() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(BuiltinModels.spec("cnn", 1, 10, 10, 4));
        assertThat(spec.get("layers").get(8).get("in").asInt())
                .isEqualTo(64 * 2 * 2); // 10 -> 5 -> 2 (floor, as PyTorch)
        assertThat(spec.get("layers").get(10).get("out").asInt()).isEqualTo(4);
        assertThatThrownBy(() -> BuiltinModels.spec("lenet", 1, 10, 10, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--model lenet")
                .hasMessageContaining("10x10 images are too small");
        assertThat(new ObjectMapper()
                        .readTree(BuiltinModels.spec("lenet", 1, 12, 12, 4))
                        .get("layers")
                        .get(8)
                        .get("in")
                        .asInt())
                .isEqualTo(16);
    }

    @Test
    void unknownNameOrMissingFileIsOneLine() {
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--epochs",
                        "1",
                        "--model",
                        "resnet",
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--model resnet: not a built-in model (mlp, cnn, lenet, rnn, lstm, gru, transformer) and no such architecture JSON file");
    }

    @Test
    void badJsonFileIsNamed() throws IOException {
        Path spec = Files.writeString(dir.resolve("bad.json"), "{\"type\": \"Sequential\", \"layers\": [");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--epochs",
                        "1",
                        "--model",
                        spec.toString(),
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--model " + spec,
                "not valid JSON");
        Path unknown = Files.writeString(
                dir.resolve("unknown.json"), "{\"type\": \"Sequential\", \"layers\": [{\"type\": \"Conv9d\"}]}");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--epochs",
                        "1",
                        "--model",
                        unknown.toString(),
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--model " + unknown,
                "Conv9d");
    }

    @Test
    void aSpecThatDoesNotFitTheDataIsRefusedBeforeTraining() throws IOException {
        Path spec = Files.writeString(
                dir.resolve("wide.json"),
                "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":5,\"out\":2}]}");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--epochs",
                        "1",
                        "--model",
                        spec.toString(),
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--model " + spec + " expects 5 input features, but the data has 2");
        Path three = Files.writeString(dir.resolve("three.json"), "{\"type\":\"Linear\",\"in\":2,\"out\":3}");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--epochs",
                        "1",
                        "--model",
                        three.toString(),
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--model " + three + " has 3 outputs, but the data has 2 classes");
    }

    @Test
    void aJsonSpecTrainsAndIsRecordedInTheSummary() throws IOException {
        Path spec = Files.writeString(
                dir.resolve("net.json"),
                "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":2,\"out\":16},"
                        + "{\"type\":\"ReLU\"},{\"type\":\"Linear\",\"in\":16,\"out\":2}]}");
        Path run = dir.resolve("json-run");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "moons",
                "--epochs",
                "3",
                "--lr",
                "0.01",
                "--model",
                spec.toString(),
                "--no-plots",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode settings = new ObjectMapper()
                .readTree(run.resolve("summary.json").toFile())
                .get("settings");
        assertThat(settings.get("model").asText()).isEqualTo(spec.toString());
        assertThat(settings.has("hidden")).isFalse();
        assertThat(new ObjectMapper()
                        .readTree(run.resolve("summary.json").toFile())
                        .get("parameters")
                        .asInt())
                .isEqualTo(2 * 16 + 16 + 16 * 2 + 2);
    }

    @Test
    void mlpFlagsAreRefusedWithOtherModels() throws IOException {
        Path spec = Files.writeString(dir.resolve("net.json"), "{\"type\":\"Linear\",\"in\":2,\"out\":2}");
        for (String flag : List.of("--hidden=64", "--activation=tanh", "--dropout=0.1", "--batch-norm"))
            assertUserError(
                    Cli.run(
                            "train",
                            "--data",
                            "moons",
                            "--epochs",
                            "1",
                            "--model",
                            spec.toString(),
                            flag,
                            "--no-plots",
                            "--out",
                            dir.resolve("r").toString()),
                    flag.split("=")[0] + " shapes --model mlp only");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--model",
                        "cnn",
                        "--hidden",
                        "64",
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--hidden shapes --model mlp only; cnn has its own layers (write an architecture JSON file to change them)");
    }

    @Test
    void convolutionalBuiltinsNeedImages() {
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--model",
                        "cnn",
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--model cnn needs images: moons has 2 features, not a square number of pixels");
    }

    @Test
    void tuneRefusesMlpDimensionsForAFixedModel() throws IOException {
        Path spec = Files.writeString(dir.resolve("net.json"), "{\"type\":\"Linear\",\"in\":2,\"out\":2}");
        assertUserError(
                Cli.run(
                        "tune",
                        "--data",
                        "moons",
                        "--model",
                        spec.toString(),
                        "--depth",
                        "1:2",
                        "--out",
                        dir.resolve("t").toString()),
                "--depth searches the shape of --model mlp; " + spec + " has fixed layers");
    }

    @Test
    void tuneSearchesTheTrainingSettingsOfAFixedModel() throws IOException {
        Path spec = Files.writeString(
                dir.resolve("net.json"),
                "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":2,\"out\":8},"
                        + "{\"type\":\"Tanh\"},{\"type\":\"Linear\",\"in\":8,\"out\":2}]}");
        Path out = dir.resolve("tune");
        Cli.Result r = Cli.run(
                "tune",
                "--data",
                "moons",
                "--model",
                spec.toString(),
                "--trials",
                "3",
                "--epochs",
                "2",
                "--baseline",
                "--no-plots",
                "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("space: {lr=1e-4:1e-1:log}");
        JsonNode best = new ObjectMapper().readTree(out.resolve("best.json").toFile());
        assertThat(best.get("train_command").asText())
                .contains("--model " + spec)
                .doesNotContain("--hidden");
        assertThat(best.get("config").has("hidden")).isFalse();
        List<String> trials = Files.readAllLines(out.resolve("trials.jsonl"));
        assertThat(trials).hasSize(3);
        assertThat(trials).allMatch(t -> t.contains("\"status\":\"ok\""));
        assertThat(new ObjectMapper()
                        .readTree(out.resolve("tune.json").toFile())
                        .get("model")
                        .asText())
                .isEqualTo(spec.toString());
    }
}
