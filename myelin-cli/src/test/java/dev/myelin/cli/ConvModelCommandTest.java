package dev.myelin.cli;

import static dev.myelin.cli.BadInputTest.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.io.ModelFile;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.ModuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * {@code --model cnn} end to end on small IDX and CSV images: train (with pictures), eval and predict on its model file.
 * Skipped (an assumption) while Conv2d, MaxPool2d or Unflatten is not in the registry.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ConvModelCommandTest {
    @TempDir
    static Path shared;

    static Path data, run;
    static Cli.Result trained;

    @TempDir
    Path dir;

    /** The layers come from the conv branches; until they are registered there is no cnn to run. */
    static boolean convLayersRegistered() {
        return ModuleRegistry.find("Conv2d") != null
                && ModuleRegistry.find("MaxPool2d") != null
                && ModuleRegistry.find("Unflatten") != null;
    }

    @BeforeAll
    static void trainACnnOnBlobImages() throws IOException {
        assumeTrue(convLayersRegistered(), "Conv2d, MaxPool2d and Unflatten are not registered yet");
        data = TestFiles.idxDirectory(shared.resolve("blobs"), 300, 60);
        run = shared.resolve("cnn-run");
        trained = Cli.run(
                "train",
                "--data",
                "idx:" + data,
                "--model",
                "cnn",
                "--epochs",
                "3",
                "--batch-size",
                "32",
                "--seed",
                "1",
                "--out",
                run.toString());
    }

    @Test
    void trainsAndWritesFiltersAndFeatureMaps() throws IOException {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        for (String f : List.of(
                "model.safetensors",
                "summary.json",
                "curves.png",
                "confusion.png",
                "samples.png",
                "filters.png",
                "feature-maps.png")) assertThat(run.resolve(f)).as(f).isNotEmptyFile();
        assertThat(ImageIO.read(run.resolve("filters.png").toFile()).getWidth()).isGreaterThan(300);
        JsonNode summary =
                new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        // 10x10 images, an idx: set's 10 digit classes: conv 1->32 (320) + conv 32->64 (18496) + linear 64*2*2->128
        // (32896)
        // + 128->10 (1290)
        assertThat(summary.get("parameters").asLong()).isEqualTo(320 + 18496 + 32896 + 1290);
        assertThat(summary.get("settings").get("model").asText()).isEqualTo("cnn");
        assertThat(summary.get("test").get("accuracy").asDouble()).isGreaterThan(0.6); // chance is 0.25
    }

    @Test
    void theModelFileHoldsTheArchitectureAndServesEvalAndPredict() throws IOException {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path model = run.resolve("model.safetensors");
        ModelFile.Loaded loaded = ModelFile.load(model);
        assertThat(Architecture.toJson(loaded.model()))
                .contains("\"Unflatten\"")
                .contains("\"Conv2d\"")
                .contains("\"MaxPool2d\"");

        Cli.Result eval = Cli.run("eval", model.toString(), "--data", "idx:" + data);
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        double accuracy = new ObjectMapper()
                .readTree(run.resolve("summary.json").toFile())
                .get("test")
                .get("accuracy")
                .asDouble();
        assertThat(eval.out()).contains(String.format(java.util.Locale.ROOT, "test accuracy %.4f", accuracy));

        Path csv = dir.resolve("p.csv");
        Cli.Result predict = Cli.run(
                "predict",
                model.toString(),
                "--input",
                data.resolve("t10k-images-idx3-ubyte").toString(),
                "--output",
                csv.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(61);
        assertThat(lines.getFirst()).isEqualTo("prediction,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9");
    }

    @Test
    void aModelForOtherImagesIsRefusedByEval() throws IOException {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Cli.Result r = Cli.run("eval", run.resolve("model.safetensors").toString(), "--data", "classification");
        assertUserError(r, "model.safetensors cannot take rows of 20 input features", "Unflatten");
    }

    /** A CSV of side x side pixel columns and a label: class 0 bright in the top half, class 1 in the bottom half. */
    private Path pixelCsv(int side, int rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < side * side; p++) sb.append("px").append(p).append(',');
        sb.append("label\n");
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < rows; i++) {
            int k = r.nextInt(2);
            for (int p = 0; p < side * side; p++)
                sb.append((p / side < side / 2) == (k == 0) ? 0.9 : 0.1).append(',');
            sb.append(k).append('\n');
        }
        return Files.writeString(dir.resolve("pixels" + side + ".csv"), sb);
    }

    @Test
    void csvPixelColumnsAreTakenAsSquareImages() throws IOException {
        Path out = dir.resolve("csv-run");
        Cli.Result c = Cli.run(
                "train",
                "--data",
                "csv:" + pixelCsv(10, 120),
                "--label",
                "label",
                "--model",
                "cnn",
                "--epochs",
                "2",
                "--batch-size",
                "16",
                "--out",
                out.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(out.resolve("feature-maps.png")).isNotEmptyFile();
    }

    @Test
    void lenetTrainsOnImagesLargeEnoughForItsLayers() throws IOException {
        Path out = dir.resolve("lenet-run");
        Cli.Result c = Cli.run(
                "train",
                "--data",
                "csv:" + pixelCsv(12, 120),
                "--label",
                "label",
                "--model",
                "lenet",
                "--epochs",
                "3",
                "--batch-size",
                "16",
                "--out",
                out.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        // 12x12: conv 5x5 pad 2 -> 12, pool -> 6, conv 5x5 -> 2, pool -> 1: 16 features into the first linear layer
        assertThat(summary.get("parameters").asLong()).isEqualTo(156 + 2416 + (16 * 120 + 120) + 10164 + (84 * 2 + 2));
        assertThat(out.resolve("filters.png")).isNotEmptyFile();
    }

    @Test
    void augmentationWorksWithTheCnn() {
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "idx:" + data,
                "--model",
                "cnn",
                "--augment",
                "--epochs",
                "1",
                "--no-plots",
                "--out",
                dir.resolve("aug").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("aug").resolve("model.safetensors")).isNotEmptyFile();
    }

    @Test
    void lenetRefusesImagesTooSmallForItsLayers() {
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "idx:" + data,
                        "--model",
                        "lenet",
                        "--epochs",
                        "1",
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "--model lenet: 10x10 images are too small");
    }
}
